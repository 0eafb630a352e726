package results

import "github.com/cisim/cisim/agents"

// ClassDecisionsCSV is the participatory classroom's table of decisions
// (cisim serve --class; package web/game writes it).
const ClassDecisionsCSV = "decisions.csv"

// ClassDecisionNames are the decisions' names in decisions.csv: the
// youth representative's voice is one row per domain.
func ClassDecisionNames() []string {
	names := []string{"agenda", "pool", "attend", "bring", "share", "stay"}
	for _, d := range agents.DomainNames() {
		names = append(names, "voice."+d)
	}
	return names
}

func classCodebook() []Table {
	return []Table{{ClassDecisionsCSV, "Serve --class: one row per round, role and decision in force, with the rule's and both partnerships' numbers at the round's end", []Column{
		{"round", Integer, "", nil, "the round, 1 … rounds"},
		{"week_from", Integer, "weeks", nil, "the round's first week, from 0"},
		{"week_to", Integer, "weeks", nil, "the week after its last"},
		{"role", Text, "", nil, "the role's id (a slug of the organisation's name; youth for the youth representative)"},
		{"kind", Category, "", []string{"nonprofit", "public", "private", "academia", "funder", "backbone", "youth"}, "the organisation's sector, or youth"},
		{"decision", Category, "", ClassDecisionNames(), "the decision"},
		{"value", Number, "share", nil, "the decision: a share (agenda, pool, a voice's weight), 1 for yes and 0 for no (attend, share, stay); NA for bring"},
		{"word", Category, "", []string{"own", "needs", "plan"}, "what the delegate argues for (bring); NA for the others"},
		{"rule_value", Number, "share", nil, "the model's rule at the round's start: its commitment (agenda), pledge (pool), chance of attending (attend), 1 (share), 1 or 0 (stay); NA where the rule has none (voice, bring)"},
		{"differs", Boolean, "", nil, "the decision departs from the rule (a share by more than 5 points, another yes or no, another argument, a voice)"},
		{"outcomes", Number, "share", nil, "the played partnership's outcome rate at the round's end"},
		{"alone_outcomes", Number, "share", nil, "the same design played by the model alone"},
		{"mean_trust", Number, "share", nil, "the played partnership's mean trust among partners"},
		{"alone_mean_trust", Number, "share", nil, "the model alone's"},
		{"members", Integer, "partners", nil, "partners taking part in the played partnership"},
		{"alone_members", Integer, "partners", nil, "the model alone's"},
		{"cost", Number, "SEK", nil, "what the played partnership has cost so far"},
		{"alone_cost", Number, "SEK", nil, "the model alone's"},
	}}}
}
