package game

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/cisim/cisim/agents"
)

// csvHeader is decisions.csv's columns: one row per role, round and
// decision in force, with the rule's value and both partnerships' numbers
// at the round's end.
var csvHeader = []string{"round", "week_from", "week_to", "role", "kind", "decision", "value", "rule_value",
	"outcomes", "alone_outcomes", "mean_trust", "alone_mean_trust", "members", "alone_members", "cost", "alone_cost"}

// WriteCSV writes the rounds played as tidy CSV (decisions.csv; the
// codebook is in docs/OUTPUTS.md). A decision's value is a number (a
// share), true or false, or a word (what a delegate brings); a voice is
// one row per domain, "voice.skills" and so on.
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
		nums := []string{num(lg.end.Outcomes), num(lg.alone.Outcomes), num(lg.end.MeanTrust), num(lg.alone.MeanTrust),
			strconv.Itoa(lg.end.Members), strconv.Itoa(lg.alone.Members), num(lg.end.Cost), num(lg.alone.Cost)}
		for _, r := range g.roles {
			rule := lg.rule[r.ID]
			for _, f := range fields(lg.inForce[r.ID], rule) {
				row := append([]string{strconv.Itoa(k + 1), strconv.Itoa(from), strconv.Itoa(g.ends[k]), r.ID, r.Kind, f[0], f[1], f[2]}, nums...)
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
		from = g.ends[k]
	}
	cw.Flush()
	return cw.Error()
}

// fields are a decision's set fields as name, value and the rule's value.
func fields(d Decision, rule RuleDecision) [][3]string {
	var out [][3]string
	if d.Agenda != nil {
		out = append(out, [3]string{"agenda", num(*d.Agenda), num(rule.Agenda)})
	}
	if d.Pool != nil {
		rv := ""
		if rule.Pool != nil {
			rv = num(*rule.Pool)
		}
		out = append(out, [3]string{"pool", num(*d.Pool), rv})
	}
	if d.Attend != nil {
		out = append(out, [3]string{"attend", strconv.FormatBool(*d.Attend), num(rule.AttendChance)})
	}
	if d.Bring != nil {
		out = append(out, [3]string{"bring", *d.Bring, "own"})
	}
	if d.Share != nil {
		out = append(out, [3]string{"share", strconv.FormatBool(*d.Share), "true"})
	}
	if d.Stay != nil {
		out = append(out, [3]string{"stay", strconv.FormatBool(*d.Stay), strconv.FormatBool(rule.Stay)})
	}
	for i, x := range d.Voice {
		out = append(out, [3]string{"voice." + domainName(i), num(x), ""})
	}
	return out
}

func domainName(i int) string { return agents.DomainNames()[i] }

// num writes a number in the fewest digits that read back to it.
func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
