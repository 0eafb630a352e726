package game

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cisim/cisim/results"
)

func ptr[T any](v T) *T { return &v }

// newGame is a short game of the default design: four quarters.
func newGame(t *testing.T) *Game {
	t.Helper()
	g, err := New(Config{Seed: 7, Rounds: 4})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// script is the decisions of a game's rounds, by role.
var script = []map[string]Decision{
	{"save-the-children": {Agenda: ptr(0.9), Bring: ptr("needs")}, "foundation": {Pool: ptr(0.2)}, "youth": {Voice: []float64{1, 3, 1, 1, 2}}},
	{"malmo-city": {Attend: ptr(false)}, "ikea": {Share: ptr(false), Agenda: ptr(0.1)}},
	{"ikano-bank": {Stay: ptr(false)}, "save-the-children": {Bring: ptr("plan")}},
	{"foundation": {Pool: ptr(1.0)}},
}

// play opens and closes rounds from..to of script.
func play(t *testing.T, g *Game, from, to int) {
	t.Helper()
	for k := from; k < to; k++ {
		if err := g.Open(); err != nil {
			t.Fatal(err)
		}
		decide(t, g, script[k])
		if err := g.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func decide(t *testing.T, g *Game, ds map[string]Decision) {
	t.Helper()
	for _, id := range sortedKeys(ds) {
		if err := g.Decide(id, ds[id]); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
	}
}

// outputs are what a game leaves: its record and its CSV, as bytes.
func outputs(t *testing.T, g *Game) (record, table []byte) {
	t.Helper()
	rec, err := json.Marshal(g.Record())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	return rec, b.Bytes()
}

// With no decision at all the played partnership is the model alone,
// bit for bit: the players' hooks change nothing until someone plays.
func TestNobodyPlayingIsTheModelAlone(t *testing.T) {
	g := newGame(t)
	for range 4 {
		if err := g.Open(); err != nil {
			t.Fatal(err)
		}
		if err := g.Close(); err != nil {
			t.Fatal(err)
		}
		if p, a := numbersOf(g.played), numbersOf(g.alone); p != a {
			t.Fatalf("round %d: played %+v, alone %+v", g.round, p, a)
		}
	}
	if _, s := g.State(); s != Over {
		t.Fatalf("status %s after the last round, want over", s)
	}
}

// The decisions change the partnership: the class's game departs from the
// model alone.
func TestDecisionsChangeTheGame(t *testing.T) {
	g := newGame(t)
	play(t, g, 0, 4)
	if p, a := numbersOf(g.played), numbersOf(g.alone); p == a {
		t.Fatalf("played and alone equal after four rounds of decisions: %+v", p)
	}
	if g.RoleView("ikano-bank").Role.Member {
		t.Error("Ikano Bank chose to leave, and is still a member")
	}
}

// A record replays to the same game, byte for byte; a game resumed from
// its record in the middle of a round ends as the uninterrupted one.
func TestReplayAndResume(t *testing.T) {
	whole := newGame(t)
	play(t, whole, 0, 4)
	wantRec, wantCSV := outputs(t, whole)

	again, err := Replay(whole.Record())
	if err != nil {
		t.Fatal(err)
	}
	if rec, table := outputs(t, again); !bytes.Equal(rec, wantRec) || !bytes.Equal(table, wantCSV) {
		t.Fatal("a replay of the record differs from the game")
	}

	cut := newGame(t)
	play(t, cut, 0, 2)
	if err = cut.Open(); err != nil {
		t.Fatal(err)
	}
	decide(t, cut, map[string]Decision{"ikano-bank": script[2]["ikano-bank"]})
	path := filepath.Join(t.TempDir(), "record.json")
	if err = cut.WriteRecord(path); err != nil {
		t.Fatal(err)
	}
	rec, err := ReadRecord(path)
	if err != nil {
		t.Fatal(err)
	}
	resumed, err := Replay(rec)
	if err != nil {
		t.Fatal(err)
	}
	if _, s := resumed.State(); s != Open {
		t.Fatalf("resumed in status %s, want the round open", s)
	}
	decide(t, resumed, map[string]Decision{"save-the-children": script[2]["save-the-children"]})
	if err := resumed.Close(); err != nil {
		t.Fatal(err)
	}
	play(t, resumed, 3, 4)
	if rec, table := outputs(t, resumed); !bytes.Equal(rec, wantRec) || !bytes.Equal(table, wantCSV) {
		t.Fatal("the game resumed from its record differs from the uninterrupted one")
	}
}

// A record whose numbers the model no longer gives is refused, not
// replayed into another game.
func TestReplayChecksTheNumbers(t *testing.T) {
	g := newGame(t)
	play(t, g, 0, 1)
	rec := g.Record()
	rec.Rounds[0].End.Outcomes += 0.01
	if _, err := Replay(rec); err == nil || !strings.Contains(err.Error(), "another version") {
		t.Fatalf("a tampered record replayed: %v", err)
	}
}

func TestDecideRefuses(t *testing.T) {
	g := newGame(t)
	if err := g.Decide("malmo-city", Decision{Agenda: ptr(0.5)}); err == nil || !strings.Contains(err.Error(), "no round is open") {
		t.Fatalf("a decision before the first round: %v", err)
	}
	if err := g.Open(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		role, json, want string
	}{
		{"malmo-city", `{"agenda": 1.5}`, "agenda 1.5"},
		{"malmo-city", `{"agenda": "lots"}`, "agenda: want float64"},
		{"malmo-city", `{"pool": 0.5}`, "pool: this role does not decide it"},
		{"malmo-city", `{"voice": [1,1,1,1,1]}`, "voice: this role does not decide it"},
		{"malmo-city", `{"bring": "theirs"}`, `bring "theirs"`},
		{"malmo-city", `{"salary": 1}`, `unknown field "salary"`},
		{"malmo-city", `{"agenda": 0.5} {"agenda": 0.6}`, "one JSON object"},
		{"malmo-city", `[1]`, "want game.Decision"},
		{"foundation", `{"agenda": 0.5}`, "agenda: this role does not decide it"},
		{"youth", `{"voice": [1,1,1]}`, "voice: 3 weights, want 5"},
		{"youth", `{"voice": [1,-1,1,1,1]}`, "voice: self_esteem -1"},
		{"youth", `{"voice": [0,0,0,0,0]}`, "every weight is 0"},
		{"youth", `{"attend": true}`, "attend: this role does not decide it"},
		{"nobody", `{}`, `no role "nobody"`},
		{"malmo-city", strings.Repeat(" ", MaxDecisionBytes+1), "at most"},
	} {
		err := g.DecideJSON(c.role, []byte(c.json))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: got %v, want an error with %q", c.role, c.json, err, c.want)
		}
	}
	if d := g.RoleView("malmo-city").Role.Decision; !d.empty() {
		t.Errorf("refused decisions left %+v in force", d)
	}
}

// A role's view holds nothing of another role's decisions.
func TestRoleViewIsItsOwn(t *testing.T) {
	g := newGame(t)
	if err := g.Open(); err != nil {
		t.Fatal(err)
	}
	decide(t, g, map[string]Decision{"ikea": {Agenda: ptr(0.123456789)}})
	for _, r := range g.Roles() {
		b, err := json.Marshal(g.RoleView(r.ID))
		if err != nil {
			t.Fatal(err)
		}
		if has := bytes.Contains(b, []byte("0.123456789")); has != (r.ID == "ikea") {
			t.Errorf("%s's view holds IKEA's decision: %v", r.ID, has)
		}
	}
	if b, _ := json.Marshal(g.TeacherView()); !bytes.Contains(b, []byte("0.123456789")) {
		t.Error("the teacher's view does not show the round's decisions")
	}
}

func TestDebrief(t *testing.T) {
	g := newGame(t)
	play(t, g, 0, 4)
	d, err := g.Debrief()
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]RoleDebrief{}
	for _, r := range d.Roles {
		roles[r.ID] = r
		if math.IsNaN(r.Effect) || math.Abs(r.Effect) > 1 {
			t.Errorf("%s: effect %v is not a change in a share", r.ID, r.Effect)
		}
	}
	if _, ok := roles["arbetsformedlingen"]; ok {
		t.Error("a role that never decided has a debrief")
	}
	stc, ok := roles["save-the-children"]
	if !ok || len(stc.Rounds) != 4 || !stc.Rounds[2].Differs {
		t.Fatalf("Save the Children's debrief: %+v", stc)
	}
	if d.Totals.Played != numbersOf(g.played) || d.Totals.Alone != numbersOf(g.alone) {
		t.Error("the debrief's totals are not the game's")
	}
}

func TestReadRecordErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ src, want string }{
		{"{\n \"format\": \"cisim-class-record/1\",\n \"rounds\": [}\n", ":3:13: "},
		{"{\"format\": \"something else\"}", "format \"something else\""},
		{"{\"format\": \"cisim-class-record/1\", \"extra\": 1}", "unknown field \"extra\""},
	} {
		path := filepath.Join(dir, "r.json")
		if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadRecord(path)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s…%s", c.src, err, path, c.want)
		}
	}
}

func TestRoundsOnTheCalendar(t *testing.T) {
	if got := roundEnds("quarter", 3); got[0] != 13 || got[2] != 39 {
		t.Errorf("quarters end at %v", got)
	}
	months := roundEnds("month", 12)
	if months[11] != 52 {
		t.Errorf("twelve months end at week %d, want 52", months[11])
	}
	for k := 1; k < len(months); k++ {
		if w := months[k] - months[k-1]; w < 4 || w > 5 {
			t.Errorf("month %d is %d weeks", k+1, w)
		}
	}
	if _, err := New(Config{Rounds: 100}); err == nil || !strings.Contains(err.Error(), "weeks") {
		t.Errorf("a game longer than its design's horizon: %v", err)
	}
}

func FuzzDecision(f *testing.F) {
	for _, s := range []string{`{"agenda":0.5}`, `{"voice":[1,2,3,4,5]}`, `{"bring":"needs","stay":false}`, `{}`, `null`, `{"pool":1e308}`} {
		f.Add("malmo-city", []byte(s))
		f.Add("youth", []byte(s))
		f.Add("foundation", []byte(s))
	}
	g, err := New(Config{Seed: 1, Rounds: 1})
	if err != nil {
		f.Fatal(err)
	}
	if err := g.Open(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, role string, raw []byte) {
		before := g.RoleView(role).Role.Decision
		if err := g.DecideJSON(role, raw); err != nil {
			if after := g.RoleView(role).Role.Decision; !equalJSON(t, before, after) {
				t.Fatalf("a refused decision changed %s's: %+v -> %+v", role, before, after)
			}
		}
	})
}

func equalJSON(t *testing.T, a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return bytes.Equal(x, y)
}

// decisions.csv follows its codebook: the columns in order, each field of
// its column's kind.
func TestCSVFollowsTheCodebook(t *testing.T) {
	g := newGame(t)
	play(t, g, 0, 4)
	_, table := outputs(t, g)
	rows, err := csv.NewReader(bytes.NewReader(table)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var book results.Table
	for _, tb := range results.Codebook() {
		if tb.File == results.ClassDecisionsCSV {
			book = tb
		}
	}
	if len(book.Columns) != len(rows[0]) {
		t.Fatalf("header %v, codebook %d columns", rows[0], len(book.Columns))
	}
	for c, name := range rows[0] {
		col := book.Columns[c]
		if col.Name != name {
			t.Fatalf("column %d is %s, the codebook's %s", c, name, col.Name)
		}
		for _, row := range rows[1:] {
			if err := col.Check(row[c]); err != nil {
				t.Error(err)
			}
		}
	}
	if len(rows) < 10 {
		t.Errorf("%d rows for four rounds of the script", len(rows))
	}
}

// A rung the class grants changes the played partnership's design from
// that round on, is kept in the record and replays; the model alone keeps
// the design's own.
func TestGrant(t *testing.T) {
	g := newGame(t)
	if err := g.Grant(4); err == nil {
		t.Error("a grant with no round open")
	}
	if err := g.Open(); err != nil {
		t.Fatal(err)
	}
	if err := g.Grant(5); err == nil || !strings.Contains(err.Error(), "rung 5") {
		t.Errorf("rung 5: %v", err)
	}
	own := g.alone.Scenario().Governance.BeneficiaryEngagement
	if err := g.Grant(0); err != nil {
		t.Fatal(err)
	}
	decide(t, g, map[string]Decision{"youth": {Voice: []float64{0, 0, 0, 0, 1}}})
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	if r := g.Rung(); r != 0 || g.alone.Scenario().Governance.BeneficiaryEngagement != own {
		t.Fatalf("rung %d played, %d alone; want 0 and %d", r, g.alone.Scenario().Governance.BeneficiaryEngagement, own)
	}
	play(t, g, 1, 2)
	again, err := Replay(g.Record())
	if err != nil {
		t.Fatal(err)
	}
	if again.Rung() != 0 || numbersOf(again.played) != numbersOf(g.played) {
		t.Error("the replay lost the grant")
	}
}

// A teacher's own override of what the default design's DefaultSet sets
// takes its place (two overrides of one field are refused), and the
// others are kept.
func TestATeachersOverrideReplacesTheDefaultOne(t *testing.T) {
	g, err := New(Config{Seed: 7, Rounds: 4, Set: []string{"funding.horizon_years=2", "beneficiaries.count=300"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Config().Set; !slices.Equal(got, []string{"funding.horizon_years=2", "beneficiaries.count=300"}) {
		t.Errorf("overrides %v", got)
	}
	if h := g.sc.Funding.HorizonYears; h != 2 {
		t.Errorf("funding horizon %v years, want the teacher's 2", h)
	}
	g, err = New(Config{Seed: 7, Rounds: 4, Set: []string{"beneficiaries.count=300"}})
	if err != nil || !slices.Equal(g.Config().Set, append(slices.Clone(DefaultSet), "beneficiaries.count=300")) {
		t.Errorf("%v: overrides %v, want DefaultSet first", err, g.Config().Set)
	}
	// A mapping of funding sets only the fields it names: the default's
	// yearly rounds stay.
	g, err = New(Config{Seed: 7, Rounds: 4, Set: []string{"funding={pooled: false}"}})
	if err != nil || g.sc.Funding.HorizonYears != 1 || g.sc.Funding.Pooled {
		t.Errorf("funding={pooled: false}: %v, %+v", err, g.sc.Funding)
	}
	// A record saved before duplicates were refused holds the default's
	// override and the teacher's: it replays, the teacher's winning.
	old := Record{Format: RecordFormat, Status: Lobby, Rounds: []RoundRecord{},
		Config: Config{Design: DefaultDesign, Set: []string{"funding.horizon_years=1", "funding.horizon_years=2"}, Seed: 7, Round: DefaultRound, Rounds: 4}}
	g, err = Replay(old)
	if err != nil || g.sc.Funding.HorizonYears != 2 {
		t.Errorf("an old record: %v", err)
	}
}
