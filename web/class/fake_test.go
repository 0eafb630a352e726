package class

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"
)

// fakeGame is a game of three roles and a fixed number of rounds whose
// decision is one number; it stands in for web/game where a test is about
// the server alone (a game that panics, say).
type fakeGame struct {
	round     int
	status    string
	rounds    int
	decisions map[string]float64
	log       []string // every decision, "round role agenda"
	panicOn   string   // a role whose decision panics
}

func newFake(rounds int) *fakeGame {
	return &fakeGame{status: "lobby", rounds: rounds, decisions: map[string]float64{}}
}

func (f *fakeGame) Roles() []Role {
	return []Role{{"city", "The City", "public"}, {"funder", "The Funder", "funder"}, {"youth", "Youth representative", "youth"}}
}

func (f *fakeGame) State() (int, string) { return f.round, f.status }

func (f *fakeGame) Open() error {
	if f.status == "open" || f.status == "over" {
		return fmt.Errorf("cannot open: the game is %s", f.status)
	}
	f.round++
	f.status = "open"
	return nil
}

func (f *fakeGame) Close() error {
	if f.status != "open" {
		return errors.New("no round is open")
	}
	f.status = "closed"
	if f.round == f.rounds {
		f.status = "over"
	}
	return nil
}

func (f *fakeGame) Decide(role string, d json.RawMessage) error {
	if role == f.panicOn {
		panic("a bug in the game")
	}
	var x struct {
		Agenda *float64 `json:"agenda"`
	}
	if err := json.Unmarshal(d, &x); err != nil || x.Agenda == nil || *x.Agenda < 0 || *x.Agenda > 1 {
		return errors.New("agenda: want a number from 0 to 1")
	}
	f.decisions[role] = *x.Agenda
	f.log = append(f.log, fmt.Sprintf("%d %s %g", f.round, role, *x.Agenda))
	return nil
}

type fakeView struct {
	Round    int     `json:"round"`
	Status   string  `json:"status"`
	Role     string  `json:"role"`
	Decision float64 `json:"decision"`
}

func (f *fakeGame) RoleView(role string) any {
	return fakeView{f.round, f.status, role, f.decisions[role]}
}

func (f *fakeGame) TeacherView() any {
	return map[string]any{"round": f.round, "status": f.status, "decisions": f.decisions}
}

func (f *fakeGame) Debrief() any { return map[string]any{"decisions": f.log} }

func (f *fakeGame) WriteRecord(path string) error {
	b, _ := json.Marshal(map[string]any{"round": f.round, "status": f.status, "log": f.log})
	return WriteFileAtomic(path, b, 0o644)
}

func (f *fakeGame) WriteCSV(w io.Writer) error {
	for _, l := range f.log {
		fmt.Fprintln(w, l)
	}
	return nil
}

// loadGame is the game the load test plays.
func loadGame(t *testing.T, rounds int) Game { return newFake(rounds) }

// loadDecision is role's decision in round r of the load test.
func loadDecision(role Role, r int) map[string]any {
	return map[string]any{"agenda": float64(r%5) / 5}
}
