package game

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/results"
)

// csvHeader is decisions.csv's columns (results.ClassDecisionsCSV; the
// codebook is in docs/OUTPUTS.md).
var csvHeader = []string{"round", "week_from", "week_to", "role", "kind", "decision", "value", "word", "rule_value", "differs",
	"outcomes", "alone_outcomes", "mean_trust", "alone_mean_trust", "members", "alone_members", "cost", "alone_cost"}

// WriteCSV writes the rounds played as tidy CSV: one row per round, role
// and decision in force, with the rule's value and both partnerships'
// numbers at the round's end. Each column has one type, as in every file
// cisim writes.
func (g *Game) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	from := 0
	for k, lg := range g.rounds {
		if lg.inForce == nil {
			break // the round still open
		}
		p, a := lg.end, lg.alone
		nums := []string{results.FormatValue(p.Outcomes), results.FormatValue(a.Outcomes), results.FormatValue(p.MeanTrust),
			results.FormatValue(a.MeanTrust), strconv.Itoa(p.Members), strconv.Itoa(a.Members), results.FormatValue(p.Cost), results.FormatValue(a.Cost)}
		for _, r := range g.roles {
			d := lg.inForce[r.ID]
			var rule *RuleDecision
			if rd, ok := lg.rule[r.ID]; ok {
				rule = &rd
			}
			differ := results.FormatBoolean(b2f(differs(d, rule)))
			for _, f := range fields(d, rule) {
				row := []string{strconv.Itoa(k + 1), strconv.Itoa(from), strconv.Itoa(g.ends[k]), r.ID, r.Kind, f.name,
					results.FormatValue(f.value), f.word, results.FormatValue(f.rule), differ}
				if err := cw.Write(append(row, nums...)); err != nil {
					return err
				}
			}
		}
		from = g.ends[k]
	}
	cw.Flush()
	return cw.Error()
}

// field is one decision of a row of decisions.csv.
type field struct {
	name        string
	value, rule float64 // NaN: none
	word        string  // what a delegate brings; NA for the others
}

// fields are a decision's set fields, with the rule's values.
func fields(d Decision, rule *RuleDecision) []field {
	na := math.NaN()
	var r RuleDecision
	if rule != nil {
		r = *rule
	} else {
		r = RuleDecision{Agenda: na, AttendChance: na, StayValue: na}
	}
	var out []field
	add := func(name string, v, rv float64) { out = append(out, field{name, v, rv, "NA"}) }
	if d.Agenda != nil {
		add("agenda", *d.Agenda, r.Agenda)
	}
	if d.Pool != nil {
		rv := na
		if r.Pool != nil {
			rv = *r.Pool
		}
		add("pool", *d.Pool, rv)
	}
	if d.Attend != nil {
		add("attend", b2f(*d.Attend), r.AttendChance)
	}
	if d.Bring != nil {
		out = append(out, field{"bring", na, na, *d.Bring})
	}
	if d.Share != nil {
		add("share", b2f(*d.Share), ruleOr(rule, 1))
	}
	if d.Stay != nil {
		add("stay", b2f(*d.Stay), ruleOr(rule, b2f(r.Stay)))
	}
	for i, x := range d.Voice {
		add("voice."+agents.DomainNames()[i], x, na)
	}
	return out
}

// ruleOr is v, or NaN without a rule.
func ruleOr(rule *RuleDecision, v float64) float64 {
	if rule == nil {
		return math.NaN()
	}
	return v
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
