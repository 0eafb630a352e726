package main

import (
	"encoding/json"
	"io"

	"github.com/cisim/cisim/web/class"
	"github.com/cisim/cisim/web/game"
)

// played is a web/game game as the class server drives it (class.Game):
// the views are the game's own structs, and the game reads and checks the
// decisions. The glue lives here so that web/class needs nothing of
// web/game's.
type played struct{ g *game.Game }

var _ class.Granter = played{}

func (p played) Roles() []class.Role {
	rs := p.g.Roles()
	out := make([]class.Role, len(rs))
	for i, r := range rs {
		out[i] = class.Role{ID: r.ID, Name: r.Name, Kind: r.Kind}
	}
	return out
}

func (p played) State() (int, string) { return p.g.State() }
func (p played) Open() error          { return p.g.Open() }
func (p played) Close() error         { return p.g.Close() }
func (p played) Grant(rung int) error { return p.g.Grant(rung) }

func (p played) Decide(role string, raw json.RawMessage) error { return p.g.DecideJSON(role, raw) }

func (p played) RoleView(role string) any { return p.g.RoleView(role) }
func (p played) TeacherView() any         { return p.g.TeacherView() }

// Debrief is the game's debrief or, if its replays failed, one that says
// so: the game is over either way, and the teacher's page shows the error.
func (p played) Debrief() any {
	d, err := p.g.Debrief()
	if err != nil {
		return struct {
			Error string `json:"error"`
		}{"the debrief failed: " + err.Error()}
	}
	return d
}

func (p played) WriteRecord(path string) error { return p.g.WriteRecord(path) }
func (p played) WriteCSV(w io.Writer) error    { return p.g.WriteCSV(w) }
