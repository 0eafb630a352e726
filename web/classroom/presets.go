package classroom

// Preset is a class exercise: collective impact as the sources describe it
// on the left, the same with one condition taken away or added on the right.
type Preset struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Explain string    `json:"explain"` // what to look for
	Sides   [2]Config `json:"sides"`
}

// Presets returns the class exercises, in menu order.
func Presets() []Preset {
	ci := func(levers map[string]any) [2]Config {
		return [2]Config{{Scenario: "collective-impact", Levers: map[string]any{}}, {Scenario: "collective-impact", Levers: levers}}
	}
	return []Preset{
		{ID: "no-backbone", Title: "Remove the backbone",
			Explain: "The right side has no staff to coordinate. Watch the partners: who carries the coordination now?",
			Sides:   ci(map[string]any{"governance.backbone_staff": 0.0})},
		{ID: "no-meetings", Title: "No meetings",
			Explain: "The right side's leaders never meet. Watch trust against the line a plan needs.",
			Sides:   ci(map[string]any{"governance.meeting_interval_weeks": 0.0})},
		{ID: "short-money", Title: "Short-term funding",
			Explain: "The right side's money is promised for one year at a time, with separate grants. Watch the plan and the partners.",
			Sides:   ci(map[string]any{"funding.horizon_years": 1.0, "funding.pooled": false})},
		{ID: "money-decides", Title: "Money sets the agenda",
			Explain: "On the right a partner's say follows its money. Watch whether the effort still fits the young people's needs.",
			Sides:   ci(map[string]any{"governance.power_sharing": 0.0})},
		{ID: "youth-co-design", Title: "Young people co-design",
			Explain: "On the right the young people design the work with the partners. Watch the share in a job or studies, and the cost in staff time.",
			Sides:   ci(map[string]any{"governance.beneficiary_engagement": 3.0})},
	}
}
