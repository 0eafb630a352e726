package game

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Decision is what a role decides in a round. A field left out keeps the
// role's decision in force, or the model's rule if it never decided.
type Decision struct {
	Agenda *float64  `json:"agenda,omitempty"` // share of free hours to the agreed agenda (its commitment c)
	Pool   *float64  `json:"pool,omitempty"`   // a funder's share of its budget into the pooled fund
	Attend *bool     `json:"attend,omitempty"` // attends the meetings
	Bring  *string   `json:"bring,omitempty"`  // what its delegate argues for: own, needs or plan
	Share  *bool     `json:"share,omitempty"`  // its records go into the shared measurement
	Stay   *bool     `json:"stay,omitempty"`   // stays in the partnership (false: leaves now)
	Voice  []float64 `json:"voice,omitempty"`  // the youth representative's profile of needs, one weight a domain
}

// MaxDecisionBytes bounds a decision's JSON.
const MaxDecisionBytes = 2048

// ParseDecision reads a decision's JSON: one object, known fields only.
// An error names the field.
func ParseDecision(raw []byte) (Decision, error) {
	var d Decision
	if len(raw) > MaxDecisionBytes {
		return d, fmt.Errorf("decision: %d bytes, at most %d", len(raw), MaxDecisionBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Decision{}, fmt.Errorf("decision: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Decision{}, errors.New("decision: want one JSON object")
	}
	return d, nil
}

// jsonProblem says what is wrong with a decision's JSON in a student's
// words: the field and the type wanted.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s: want %s", te.Field, te.Type)
	}
	if s, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "unknown field " + s + " (agenda, pool, attend, bring, share, stay, voice)"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// Can says which decisions a role has now.
type Can struct {
	Agenda bool `json:"agenda"`
	Pool   bool `json:"pool"`
	Attend bool `json:"attend"`
	Bring  bool `json:"bring"`
	Share  bool `json:"share"`
	Stay   bool `json:"stay"`
	Voice  bool `json:"voice"`
}

// check refuses a decision with a field the role cannot decide or a value
// out of range, naming the field.
func (d *Decision) check(can Can) error {
	share := func(name string, v *float64, allowed bool) error {
		switch {
		case v == nil:
			return nil
		case !allowed:
			return fmt.Errorf("%s: this role does not decide it now", name)
		case !(*v >= 0 && *v <= 1):
			return fmt.Errorf("%s %v: want a share from 0 to 1", name, *v)
		}
		return nil
	}
	if err := share("agenda", d.Agenda, can.Agenda); err != nil {
		return err
	}
	if err := share("pool", d.Pool, can.Pool); err != nil {
		return err
	}
	for _, f := range []struct {
		name    string
		set     bool
		allowed bool
	}{{"attend", d.Attend != nil, can.Attend}, {"bring", d.Bring != nil, can.Bring}, {"share", d.Share != nil, can.Share},
		{"stay", d.Stay != nil, can.Stay}, {"voice", d.Voice != nil, can.Voice}} {
		if f.set && !f.allowed {
			return fmt.Errorf("%s: this role does not decide it now", f.name)
		}
	}
	if d.Bring != nil {
		if _, err := sim.ParseBring(*d.Bring); err != nil {
			return err
		}
	}
	return checkVoice(d.Voice)
}

// checkVoice checks a profile of needs: one weight a domain, each a
// finite number ≥ 0, not all zero.
func checkVoice(v []float64) error {
	if v == nil {
		return nil
	}
	if len(v) != agents.NumDomains {
		return fmt.Errorf("voice: %d weights, want %d (%s)", len(v), agents.NumDomains, strings.Join(agents.DomainNames(), ", "))
	}
	sum := 0.0
	for d, x := range v {
		if !(x >= 0) || math.IsInf(x, 1) {
			return fmt.Errorf("voice: %s %v: want a weight of 0 or more", agents.DomainNames()[d], x)
		}
		sum += x
	}
	if sum == 0 {
		return errors.New("voice: every weight is 0: give the needs some weight")
	}
	return nil
}

// merge lays d over the decision in force: what d sets replaces it.
func (d Decision) merge(over Decision) Decision {
	if over.Agenda != nil {
		d.Agenda = over.Agenda
	}
	if over.Pool != nil {
		d.Pool = over.Pool
	}
	if over.Attend != nil {
		d.Attend = over.Attend
	}
	if over.Bring != nil {
		d.Bring = over.Bring
	}
	if over.Share != nil {
		d.Share = over.Share
	}
	if over.Stay != nil {
		d.Stay = over.Stay
	}
	if over.Voice != nil {
		d.Voice = over.Voice
	}
	return d
}

// choice is the decision as the engine takes it.
func (d Decision) choice() sim.Choice {
	c := sim.Choice{Commitment: d.Agenda, Pledge: d.Pool, Attend: d.Attend, ShareData: d.Share, Stay: d.Stay}
	if d.Bring != nil {
		c.Bring, _ = sim.ParseBring(*d.Bring) // checked when decided
	}
	return c
}

// voice is the youth representative's profile as the engine takes it.
func (d Decision) voice() *agents.Vec {
	if d.Voice == nil {
		return nil
	}
	var v agents.Vec
	copy(v[:], d.Voice)
	return &v
}

// empty reports whether the decision sets nothing.
func (d Decision) empty() bool {
	return d.Agenda == nil && d.Pool == nil && d.Attend == nil && d.Bring == nil && d.Share == nil && d.Stay == nil && d.Voice == nil
}
