package sim

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/cisim/cisim/agents"
)

// roundDesign is what an intervention changes at the next funding round:
// how money flows, and the backbone, whose staff and host the round's
// money pays for.
type roundDesign struct {
	funding       Funding
	backboneStaff float64
	host          agents.Host
}

// Intervene changes the partnership's design from the engine's current
// week on, as a decision taken in the middle of a run would
// (docs/MODEL.md §3.1): the governance (but the backbone) and the channels
// at once; the funding and the backbone — its staff and its host, which
// money pays for — at the next funding round, as a commitment already made
// runs its term. Everything else is kept: the world as this replicate drew
// it, the actors' state, trust, the population, the plan and the event
// log; the rest of sc is not read. Dropping the common agenda ends the plan
// in force and takes the partnership back to initiation; adopting one puts
// a plan on the table.
//
// sc must have the engine's actors (the same names, in order),
// beneficiaries and horizon: a different world is a new run, not an
// intervention. The change is logged as an intervention event that names
// each field changed. Intervening changes nothing when sc's design is the
// one in force (with any change still waiting for its round).
func (e *Engine) Intervene(sc Scenario) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	if err := e.sameWorld(&sc); err != nil {
		return err
	}
	now := e.design()
	changes := designChanges(now, &sc)
	if len(changes) == 0 {
		return nil
	}
	old := e.sc.Governance
	e.sc.Governance = sc.Governance
	e.sc.Governance.BackboneStaff, e.sc.Governance.BackboneHost = old.BackboneStaff, old.BackboneHost
	e.sc.Channels, e.ch = sc.Channels, sc.Channels
	e.fund.redesign = &roundDesign{sc.Funding, sc.Governance.BackboneStaff, sc.Governance.BackboneHost}
	if *e.fund.redesign == (roundDesign{e.sc.Funding, old.BackboneStaff, old.BackboneHost}) {
		e.fund.redesign = nil
	}
	e.event(agents.Intervention, -1, -1, float64(len(changes)), strings.Join(changes, "; "))
	e.regovern(old.CommonAgenda)
	return nil
}

// design is the scenario with the design in force, a change waiting for
// its funding round included.
func (e *Engine) design() *Scenario {
	sc := e.sc
	if d := e.fund.redesign; d != nil {
		sc.Funding, sc.Governance.BackboneStaff, sc.Governance.BackboneHost = d.funding, d.backboneStaff, d.host
	}
	return &sc
}

// regovern follows a common agenda adopted or dropped.
func (e *Engine) regovern(hadAgenda bool) {
	pl, has := &e.plan, e.sc.Governance.CommonAgenda
	switch {
	case has && !hadAgenda:
		pl.pending = !pl.agreed
	case !has && hadAgenda:
		pl.agreed, pl.pending = false, false
		if pl.phase != agents.Initiation {
			pl.phase = agents.Initiation
			e.event(agents.PhaseChanged, -1, -1, float64(agents.Initiation), "the common agenda was dropped")
		}
	}
}

// sameWorld says which part of the world sc changes, if any.
func (e *Engine) sameWorld(sc *Scenario) error {
	if len(sc.Actors) != len(e.sc.Actors) {
		return fmt.Errorf("sim: an intervention cannot change the actors (%d, not %d)", len(sc.Actors), len(e.sc.Actors))
	}
	for i := range sc.Actors {
		if sc.Actors[i].Name != e.sc.Actors[i].Name {
			return fmt.Errorf("sim: an intervention cannot change the actors (%s, not %s)", sc.Actors[i].Name, e.sc.Actors[i].Name)
		}
	}
	switch {
	case sc.Beneficiaries != e.sc.Beneficiaries:
		return fmt.Errorf("sim: an intervention cannot change the beneficiaries")
	case sc.Ticks() != e.ticks:
		return fmt.Errorf("sim: an intervention cannot change the horizon")
	}
	return nil
}

// designChanges lists the fields of the governance, the funding and the
// channels that b sets differently from a, as "key old → new".
func designChanges(a, b *Scenario) []string {
	var out []string
	for _, part := range []struct {
		prefix string
		a, b   any
	}{{"governance", a.Governance, b.Governance}, {"funding", a.Funding, b.Funding}, {"channels", a.Channels, b.Channels}} {
		va, vb := reflect.ValueOf(part.a), reflect.ValueOf(part.b)
		for i := range va.NumField() {
			x, y := va.Field(i).Interface(), vb.Field(i).Interface()
			if x != y {
				out = append(out, fmt.Sprintf("%s.%s %v → %v", part.prefix, yamlName(va.Type().Field(i)), x, y))
			}
		}
	}
	return out
}

// yamlName is a field's key in scenario files.
func yamlName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" {
		return name
	}
	return strings.ToLower(f.Name)
}
