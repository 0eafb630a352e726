package classroom

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// EventInfo is one entry of a run's event log as the page shows it: in
// the feed as a sentence, and on the charts as a marker of its group.
type EventInfo struct {
	Week  int    `json:"week"`  // the week it happened in, counted as the page counts: the first week is 1
	Kind  string `json:"kind"`  // the engine's name of the kind (agents.EventKind)
	Group string `json:"group"` // what it is about, for markers and filters: see eventGroup
	Text  string `json:"text"`  // a plain sentence: who, what and why
	Actor int    `json:"actor"` // index of the actor concerned; −1 the partnership
	Other int    `json:"other"` // a second actor (a conflict's other side); −1 none
	// Told is true of an event the one before it already tells: a rule's
	// intervention, which its trigger's sentence ends with. The feed
	// leaves it out; the charts still mark the change.
	Told bool `json:"told,omitempty"`
}

// Info returns an event as the page shows it. An event logged during
// tick t happens in week t+1, the week whose end the page's counter then
// shows, so that "week 65: a plan was agreed" and the phase ladder's
// "run since week 65" agree.
func Info(ev agents.Event, actors []agents.Actor) EventInfo {
	return InfoAt([]agents.Event{ev}, 0, actors)
}

// InfoAt returns entry k of an event log as the page shows it (Info),
// reading its neighbours where a sentence needs them: a rule's trigger
// says what its intervention, the next entry, changed ("Week 105: Rule 1
// fired: mean trust was 32%, below 40% → backbone staff set to 3
// full-time staff"), and that intervention is Told.
func InfoAt(log []agents.Event, k int, actors []agents.Actor) EventInfo {
	ev := log[k]
	info := EventInfo{Week: ev.Tick + 1, Kind: ev.Kind.String(), Group: eventGroup(ev.Kind),
		Text: Narrate(ev, actors), Actor: ev.Actor, Other: ev.Other}
	switch {
	case ev.Kind == agents.TriggerFired && k+1 < len(log) && triggered(ev, log[k+1]):
		info.Text += " → " + ruleChanges(strings.TrimPrefix(log[k+1].Cause, ev.Cause+": "))
	case ev.Kind == agents.Intervention && k > 0 && triggered(log[k-1], ev):
		info.Told = true
	}
	return info
}

// triggered reports whether intervention iv is the change trigger tr's
// rule made: logged in the same week, its cause the rule's, continued.
func triggered(tr, iv agents.Event) bool {
	return tr.Kind == agents.TriggerFired && iv.Kind == agents.Intervention && tr.Tick == iv.Tick &&
		strings.HasPrefix(iv.Cause, tr.Cause+": ")
}

// eventGroup sorts the kinds into what a class watches for: the phases
// and the plan, partners coming and going, money, conflicts, new
// practices, the world's shocks, a design changed during the run, and an
// adaptive design's rule whose signpost held.
func eventGroup(k agents.EventKind) string {
	switch k {
	case agents.PhaseChanged, agents.PlanAgreed, agents.PlanFailed, agents.ReviewOpened, agents.Stalled:
		return "plan"
	case agents.Exit, agents.Join, agents.BrokeUp, agents.ChampionLeft, agents.ChampionEmerged:
		return "partners"
	case agents.FunderCut, agents.FunderWithdrew, agents.PledgeCut, agents.BackboneUnderfunded:
		return "money"
	case agents.Conflict, agents.ConflictResolved:
		return "conflict"
	case agents.InnovationAdopted, agents.InnovationAbandoned:
		return "ideas"
	case agents.Intervention:
		return "intervention"
	case agents.FundingRound, agents.PooledFundStarted:
		return "money"
	case agents.TriggerFired:
		return "rule"
	}
	return "world"
}

// exitReasons say in plain words what each exit cause of the membership
// rule (agents.ExitCause) means for the partner who left.
var exitReasons = map[string]string{
	"poor results on own KPIs": "it saw too little of the results it is judged on",
	"distrust":                 "its trust in the others fell below what staying was worth",
	"values apart":             "its values were too far from the others'",
	"overheads":                "meetings and coordination cost it more than staying was worth",
	"unresolved conflict":      "a conflict with another partner was never resolved",
	"agenda ignores its KPIs":  "the common agenda ignores what it is judged on",
}

// phaseMeaning says what entering each phase means (docs/MODEL.md §7.12).
var phaseMeaning = map[string]string{
	"initiation":  "no plan is in force",
	"run":         "a plan is agreed and in force",
	"redesign":    "the plan is open for review",
	"exponential": "results grow and the approach spreads to new young people",
}

// Narrate says what an event means in a sentence, e.g. "Week 140: IKEA
// left: its trust in the others fell below what staying was worth". The
// numbers are the event's own (a cut's share, an innovation's effect).
func Narrate(ev agents.Event, actors []agents.Actor) string {
	name := func(i int) string {
		if i >= 0 && i < len(actors) {
			return actors[i].Name
		}
		return "a partner"
	}
	who, other := name(ev.Actor), name(ev.Other)
	var s string
	switch ev.Kind {
	case agents.ChampionLeft:
		s = who + "'s leader, the partnership's champion, moved on: no one champions it now"
	case agents.ChampionEmerged:
		s = who + "'s leader took up the cause and now champions the partnership"
	case agents.FunderCut:
		s = fmt.Sprintf("%s's own budget was cut by %.0f%%: it gives less from its next funding round", who, 100*ev.Value)
	case agents.FunderWithdrew:
		s = who + " withdrew: the funder changed its strategy"
	case agents.PolicyShift:
		s = "A policy change moved the public partners' priorities"
	case agents.StaffTurnover:
		s = fmt.Sprintf("%s's key person left, and %.0f%% of the trust built with them went too", who, 100*ev.Value)
	case agents.PlanAgreed:
		s = fmt.Sprintf("The %.0f partners agreed a plan: every one of them consented", ev.Value)
	case agents.PlanFailed:
		s = "A plan everyone had consented to fell through: " + ev.Cause
	case agents.ReviewOpened:
		s = "The plan was opened for review: " + ev.Cause
	case agents.Conflict:
		s = who + " and " + other + " fell out: " + ev.Cause
	case agents.ConflictResolved:
		s = who + " and " + other + " worked through their conflict"
	case agents.Exit:
		s = who + " left: " + reason(exitReasons, ev.Cause)
	case agents.Join:
		s = who + " joined, drawn by what the partnership does"
	case agents.BrokeUp:
		s = fmt.Sprintf("The partnership broke up: only %.0f partners remain, fewer than half", ev.Value)
	case agents.PledgeCut:
		s = who + " cut its pledge: results fell short of what it expected"
	case agents.BackboneUnderfunded:
		s = "The funders' money does not cover the backbone's staff"
	case agents.InnovationAdopted:
		s = fmt.Sprintf("%s took up a new way of working (it changes what an hour achieves by %+.1f%%; judged better on the evidence)", who, 100*ev.Value)
	case agents.InnovationAbandoned:
		s = who + " dropped a way of working it had tried: judged no better on the evidence"
	case agents.PhaseChanged:
		s = "The partnership entered the " + ev.Cause + " phase: " + reason(phaseMeaning, ev.Cause)
	case agents.Stalled:
		s = "No plan was ever agreed: " + ev.Cause
	case agents.Intervention:
		s = "The design was changed: " + leverWords(ev.Cause)
		if strings.Contains(ev.Cause, "funding.") || strings.Contains(ev.Cause, "governance.backbone_") {
			s += " (money and the backbone follow at the next funding round)"
		}
	case agents.FundingRound:
		s = "A new funding round (the last commitment ended)"
		if ev.Cause == "the first commitment" {
			s = "The first funding round"
		}
		s += ": the funders put in " + sek(ev.Value) + " a year"
	case agents.PooledFundStarted:
		s = "The pooled fund began to pay the partners, " + sek(ev.Value) + " a year: " + ev.Cause
	case agents.TriggerFired:
		s = triggerWords(ev)
	default:
		s = strings.ReplaceAll(ev.Kind.String(), "_", " ")
		if ev.Cause != "" {
			s += ": " + ev.Cause
		}
	}
	return fmt.Sprintf("Week %d: %s", ev.Tick+1, s)
}

// sek writes a sum of money as the page does (SEK 12.3 million), or below
// a million in thousands (SEK 38,000), so that a small sum never reads
// "SEK 0.0 million".
func sek(v float64) string {
	if math.Abs(v) >= 0.95e6 || v == 0 {
		return Format(sim.TotalCost, v)
	}
	k := int64(math.Round(v / 1000))
	if k < 1 {
		return "SEK " + strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return fmt.Sprintf("SEK %d,000", k)
}

// reason looks a cause up in words, or gives the engine's own.
func reason(words map[string]string, cause string) string {
	if w, ok := words[cause]; ok {
		return w
	}
	return cause
}

// leverWords writes an intervention's list of changed fields
// ("governance.backbone_staff 0 → 2; funding.pooled false → true") with
// the page's names of the levers where it has them.
func leverWords(cause string) string {
	parts := strings.Split(cause, "; ")
	for i, p := range parts {
		key, change, ok := strings.Cut(p, " ")
		lv, found := leverOf(key)
		from, to, isChange := strings.Cut(change, " → ")
		if ok && found && isChange {
			parts[i] = lv.Label + ": " + lv.Text(parseValue(lv, from)) + " → " + lv.Text(parseValue(lv, to))
		}
	}
	return strings.Join(parts, "; ")
}

// parseValue reads a lever's value as the engine prints it: a switch's
// true or false, a slider's number.
func parseValue(lv *Lever, s string) any {
	if lv.Kind == "switch" {
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
	} else if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}

// metricWords name the metrics a rule may watch in plain words; a metric
// without a name here is written as its key with spaces.
var metricWords = map[string]string{
	"outcome_rate":             "young people in a job or studies",
	"participant_outcome_rate": "participants in a job or studies",
	"mean_trust":               "mean trust",
	"agenda_alignment":         "fit of effort to needs",
	"partners_remaining":       "partners",
	"pooled_share":             "the share of the money pooled",
	"backbone_coverage":        "backbone's coverage",
}

// triggerWords says which rule fired and what its signpost read, from
// the cause the engine writes ("rule 1 (mean_trust below 0.4 at week
// 104)") and the metric's value that week: "Rule 1 fired: mean trust was
// 32%, below 40%".
func triggerWords(ev agents.Event) string {
	rule, inside, ok := strings.Cut(strings.TrimSuffix(ev.Cause, ")"), " (")
	name, rest, ok2 := strings.Cut(inside, " ")
	m, ok3 := sim.ParseMetric(name)
	if !ok || !ok2 || !ok3 {
		return "A rule fired: " + ev.Cause
	}
	var cmp string
	for _, c := range sim.ComparisonNames() {
		if w := strings.ReplaceAll(c, "_", " ") + " "; strings.HasPrefix(rest, w) {
			cmp, rest = strings.TrimSpace(w), rest[len(w):]
			break
		}
	}
	num, _, _ := strings.Cut(rest, " ")
	threshold, err := strconv.ParseFloat(num, 64)
	words := metricWords[name]
	if words == "" {
		words = strings.ReplaceAll(name, "_", " ")
	}
	s := strings.ToUpper(rule[:1]) + rule[1:] + " fired: " + words + " was " + Format(m, ev.Value)
	if cmp != "" && err == nil {
		s += ", " + cmp + " " + Format(m, threshold)
	}
	return s
}

// ruleChanges writes what a rule's intervention changed, its cause after
// the rule ("governance.backbone_staff 2 → 3"), as settings: "backbone
// staff set to 3 full-time staff", "pooled fund turned off". A change of
// nothing or a refusal is said in the engine's words.
func ruleChanges(cause string) string {
	parts := strings.Split(cause, "; ")
	for i, p := range parts {
		key, change, ok := strings.Cut(p, " ")
		lv, found := leverOf(key)
		_, to, isChange := strings.Cut(change, " → ")
		if ok && found && isChange {
			label := strings.ToLower(lv.Label[:1]) + lv.Label[1:]
			switch {
			case lv.Kind == "switch":
				parts[i] = label + " turned " + lv.Text(parseValue(lv, to))
			case strings.HasSuffix(label, " every") || strings.HasSuffix(label, " for"):
				parts[i] = label + " " + lv.Text(parseValue(lv, to)) // leaders meet every 4 weeks
			default:
				parts[i] = label + " set to " + lv.Text(parseValue(lv, to))
			}
		} else if ok && isChange {
			parts[i] = strings.ReplaceAll(key, "_", " ") + " set to " + to
		}
	}
	s := strings.Join(parts, "; ")
	if strings.Contains(cause, "funding.") || strings.Contains(cause, "governance.backbone_") {
		s += " (from the next funding round)"
	}
	return s
}
