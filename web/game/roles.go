package game

import (
	"strconv"
	"strings"

	"github.com/cisim/cisim/sim"
)

// Role is one role a student may take: an organisation of the scenario,
// or the youth representative, who speaks for the young people.
type Role struct {
	ID    string `json:"id"`   // a slug of the name: "malmo-city"; "youth"
	Name  string `json:"name"` // "Malmö City"
	Kind  string `json:"kind"` // the sector ("public", "funder", …) or "youth"
	Actor int    `json:"-"`    // the actor's index; −1 for the youth representative
}

// Youth is the youth representative's role id.
const Youth = "youth"

// rolesOf lists the scenario's actors, in order, then the youth
// representative.
func rolesOf(e *sim.Engine) []Role {
	actors := e.Actors()
	roles := make([]Role, 0, len(actors)+1)
	seen := map[string]int{Youth: 1}
	for i := range actors {
		id := slug(actors[i].Name)
		if seen[id]++; seen[id] > 1 {
			id += "-" + strconv.Itoa(seen[id])
		}
		roles = append(roles, Role{ID: id, Name: actors[i].Name, Kind: actors[i].Sector.String(), Actor: i})
	}
	return append(roles, Role{ID: Youth, Name: "Youth representative", Kind: Youth, Actor: -1})
}

// slug is a name in lower-case ASCII letters and digits joined by
// hyphens: "Malmö City" → "malmo-city".
func slug(name string) string {
	fold := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u", "Å", "a", "Ä", "a", "Ö", "o", "É", "e", "Ü", "u")
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(fold.Replace(name)) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "partner"
	}
	return b.String()
}

// Roles lists the roles, the organisations in the scenario's order and
// then the youth representative.
func (g *Game) Roles() []Role { return append([]Role(nil), g.roles...) }

func (g *Game) role(id string) (Role, bool) {
	for _, r := range g.roles {
		if r.ID == id {
			return r, true
		}
	}
	return Role{}, false
}

// can is what role r decides now: an organisation that has left decides
// nothing; hours to the agenda for those who deliver services, the pool
// for funders with a pooled fund, what to bring with a common agenda, data
// with shared measurement.
func (g *Game) can(r Role) Can {
	sc := g.played.Scenario()
	if r.Actor < 0 {
		return Can{Voice: true}
	}
	a := &g.played.Actors()[r.Actor]
	if !a.Member {
		return Can{}
	}
	return Can{
		Agenda: !a.IsFunder() && a.Capability.Sum() > 0,
		Pool:   a.IsFunder() && sc.Funding.Pooled,
		Attend: true,
		Bring:  sc.Governance.CommonAgenda,
		Share:  sc.Governance.SharedMeasurement && !a.IsFunder(),
		Stay:   true,
	}
}
