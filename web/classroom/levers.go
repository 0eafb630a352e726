package classroom

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/scenarios"
)

// Lever is one control of the page: a scenario field, by its --set key,
// with the range the page offers and what it means.
type Lever struct {
	Key     string   `json:"key"`   // the --set key
	Label   string   `json:"label"` // short name on the page
	Kind    string   `json:"kind"`  // "switch" or "slider"
	Min     float64  `json:"min"`   // slider range and step
	Max     float64  `json:"max"`   //
	Step    float64  `json:"step"`  //
	Unit    string   `json:"unit,omitempty"`
	Names   []string `json:"names,omitempty"`   // a name for each whole value from Min (participation rungs)
	Zero    string   `json:"zero,omitempty"`    // what 0 (or Min) means, where it has a name ("none")
	Top     string   `json:"top,omitempty"`     // what Max means, where it has a name
	Percent bool     `json:"percent,omitempty"` // a share from 0 to 1, which the page shows as a percentage
	World   bool     `json:"world"`             // the problem or the partners rather than the design: moves on both sides
	Listed  string   `json:"listed,omitempty"`  // a generator lever: what null (keep the listed actors) is called
	Explain string   `json:"explain"`           // plain language, with the source of the facts
	Texts   []string `json:"texts,omitempty"`   // a slider's positions from Min to Max as Text writes them (Levers fills it)

	value func(l *scenarios.Loaded) any // the scenario's value: bool, float64, or nil for null
}

// levers are the levers of docs/SCENARIOS.md §2, in page order: the design first,
// then the problem and the partners.
var levers = []Lever{
	{Key: "governance.common_agenda", Label: "Common agenda", Kind: "switch",
		Explain: "Partners agree one vision of the problem and one plan, instead of each following the targets it is judged on. " +
			"The first of Kania & Kramer's five conditions of collective impact (2011). " +
			"In the Save the Children / Accenture study, partners called co-creating it foundational.",
		value: func(l *scenarios.Loaded) any { return l.Scenario.Governance.CommonAgenda }},
	{Key: "governance.shared_measurement", Label: "Shared measurement", Kind: "switch",
		Explain: "A short list of indicators every partner collects and can see, so they learn what works and correct course together (the second condition). " +
			"The data take time to mature before they steer the agenda.",
		value: func(l *scenarios.Loaded) any { return l.Scenario.Governance.SharedMeasurement }},
	{Key: "governance.backbone_staff", Label: "Backbone staff", Kind: "slider", Min: 0, Max: 10, Step: 0.5, Unit: "full-time staff", Zero: "no backbone",
		Explain: "Staff of a separate organisation who plan, facilitate, handle the data and coordinate (the fifth condition); 0 means no backbone. " +
			"The sources call expecting collaboration to work without such support \"one of the most frequent reasons why it fails\".",
		value: func(l *scenarios.Loaded) any { return l.Scenario.Governance.BackboneStaff }},
	{Key: "governance.meeting_interval_weeks", Label: "Leaders meet every", Kind: "slider", Min: 0, Max: 52, Step: 1, Unit: "weeks", Zero: "never",
		Explain: "How often the partners' leaders meet; 0 means never (the fourth condition, continuous communication). Trust is built in meetings. " +
			"Kania & Kramer describe Strive's networks meeting every two weeks for three years; leaders met \"monthly or even biweekly\".",
		value: func(l *scenarios.Loaded) any { return float64(l.Scenario.Governance.MeetingIntervalWeeks) }},
	{Key: "governance.beneficiary_engagement", Label: "Young people's voice", Kind: "slider", Min: 0, Max: 4, Step: 1,
		Names: []string{"none", "informed", "consulted", "co-design", "shared decisions"},
		Explain: "How far the young people themselves take part, on a participation ladder (Hart 1992, Arnstein 1969): from not at all to sharing decisions. " +
			"The refined model of Save the Children and Accenture (2021) adds beneficiary engagement to the five conditions. Higher rungs give them a voice in the agenda and cost staff time.",
		value: func(l *scenarios.Loaded) any { return float64(l.Scenario.Governance.BeneficiaryEngagement) }},
	{Key: "governance.power_sharing", Label: "Equal voice", Kind: "slider", Min: 0, Max: 1, Step: 0.05, Percent: true, Zero: "money decides", Top: "all equal",
		Explain: "0: a partner's say in the agenda follows its money; 1: everyone at the table has an equal voice. " +
			"As one interviewee put it: \"It's always the ones with money who have the power to formulate the agenda.\"",
		value: func(l *scenarios.Loaded) any { return l.Scenario.Governance.PowerSharing }},
	{Key: "funding.pooled", Label: "Pooled fund", Kind: "switch",
		Explain: "Funders put their money in one fund paid out on the common agenda, to the partners best placed for each kind of help, instead of separate grants each partner applies for. " +
			"Interviewees suggested funding \"structured as a cooperative fund\". It needs a funder among the partners.",
		value: func(l *scenarios.Loaded) any { return l.Scenario.Funding.Pooled }},
	{Key: "funding.horizon_years", Label: "Money promised for", Kind: "slider", Min: 0.5, Max: 10, Step: 0.5, Unit: "years",
		Explain: "How long a funding commitment lasts. Short-term financing is named as a barrier: collective impact \"requires multi-year funding\", and partners stressed long-term commitments.",
		value:   func(l *scenarios.Loaded) any { return l.Scenario.Funding.HorizonYears }},
	{Key: "problem.complementarity", Label: "Needs go together", Kind: "slider", Min: 0, Max: 1, Step: 0.05, World: true, Percent: true,
		Explain: "0: help in one area (skills, self-esteem, network, education, wellbeing) can make up for another; 1: a young person needs all of them before a job or studies, so no single organisation can do it alone.",
		value:   func(l *scenarios.Loaded) any { return l.Scenario.Problem.Complementarity }},
	{Key: "beneficiaries.count", Label: "Young people", Kind: "slider", Min: 100, Max: MaxBeneficiaries, Step: 100, World: true,
		Explain: "How many young people neither working nor studying the partnership serves. The study counts more than 28,000 of them in Sweden.",
		value:   func(l *scenarios.Loaded) any { return float64(l.Scenario.Beneficiaries.Count) }},
	{Key: "actors.value_spread", Label: "Values apart", Kind: "slider", Min: 0, Max: 0.5, Step: 0.05, World: true, Percent: true, Zero: "all alike", Listed: "the partners' own",
		Explain: "How far apart the partners' values are (the young person first or efficiency first, long or short term, public or market logic); 0 means all alike. " +
			"An interviewee: \"Agreeing on common values is the most important success factor.\"",
		value: func(l *scenarios.Loaded) any { return optional(l.File.Actors.ValueSpread) }},
	{Key: "actors.capability_overlap", Label: "Partners good at the same", Kind: "slider", Min: 0, Max: 1, Step: 0.05, World: true, Percent: true, Listed: "the partners' own",
		Explain: "0: each partner is good at something different (complementary capabilities); 1: all are good at the same things. " +
			"The study's second hypothesis is that partners from different sectors with complementary capabilities matter.",
		value: func(l *scenarios.Loaded) any { return optional(l.File.Actors.CapabilityOverlap) }},
}

// MaxBeneficiaries bounds beneficiaries.count on the page, which keeps a
// Monte Carlo in one browser tab to seconds.
const MaxBeneficiaries = 5000

func optional(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// Levers returns the levers in page order.
func Levers() []Lever {
	out := slices.Clone(levers)
	for i := range out {
		out[i].Names = slices.Clone(out[i].Names)
		out[i].Texts = out[i].positions()
	}
	return out
}

func leverOf(key string) (*Lever, bool) {
	for i := range levers {
		if levers[i].Key == key {
			return &levers[i], true
		}
	}
	return nil, false
}

// Values returns a built-in scenario's lever values by key: a bool for a
// switch, a number for a slider, nil for a generator lever left as listed.
func Values(name string) (map[string]any, error) {
	l, err := load(Config{Scenario: name})
	if err != nil {
		return nil, err
	}
	return values(l), nil
}

func values(l *scenarios.Loaded) map[string]any {
	v := make(map[string]any, len(levers))
	for _, lv := range levers {
		v[lv.Key] = lv.value(l)
	}
	return v
}

// Config is one side of the page: a built-in scenario and the levers the
// teacher changed, by key (a bool, a number, or nil to keep the listed
// actors of a generator lever).
type Config struct {
	Scenario string         `json:"scenario"`
	Levers   map[string]any `json:"levers"`
}

// Sets returns the changed levers as --set arguments, in page order, after
// checking that each is a lever of the page with a value it allows.
func (c Config) Sets() ([]string, error) {
	for key := range c.Levers {
		if _, ok := leverOf(key); !ok {
			return nil, fmt.Errorf("classroom: unknown lever %q", key)
		}
	}
	var sets []string
	for i := range levers {
		lv := &levers[i]
		x, ok := c.Levers[lv.Key]
		if !ok {
			continue
		}
		s, err := lv.format(x)
		if err != nil {
			return nil, err
		}
		sets = append(sets, lv.Key+"="+s)
	}
	return sets, nil
}

// format checks one value against the lever and writes it as --set does.
func (lv *Lever) format(x any) (string, error) {
	switch v := x.(type) {
	case bool:
		if lv.Kind == "switch" {
			return strconv.FormatBool(v), nil
		}
	case float64:
		if lv.Kind == "slider" {
			if math.IsNaN(v) || v < lv.Min || v > lv.Max {
				return "", fmt.Errorf("classroom: %s: %v is outside %g to %g", lv.Key, v, lv.Min, lv.Max)
			}
			return strconv.FormatFloat(v, 'g', -1, 64), nil
		}
	case nil:
		if lv.Listed != "" {
			return "null", nil
		}
	}
	want := "a number"
	if lv.Kind == "switch" {
		want = "true or false"
	}
	return "", fmt.Errorf("classroom: %s: want %s, got %v", lv.Key, want, x)
}

// load resolves a side's scenario as the command line would with the same
// --set arguments. Only built-in scenarios and the page's adaptive designs:
// the page has no files.
func load(c Config) (*scenarios.Loaded, error) {
	if !scenarios.IsBuiltin(c.Scenario) && !isDesign(c.Scenario) {
		return nil, fmt.Errorf("classroom: unknown scenario %q", c.Scenario)
	}
	sets, err := c.Sets()
	if err != nil {
		return nil, err
	}
	var l *scenarios.Loaded
	if isDesign(c.Scenario) {
		l, err = loadDesign(c.Scenario, sets)
	} else {
		l, err = scenarios.Load(c.Scenario, sets)
	}
	if err != nil {
		return nil, err
	}
	if n := l.Scenario.Beneficiaries.Count; n > MaxBeneficiaries {
		return nil, fmt.Errorf("classroom: %s has %d young people; the page runs at most %d", c.Scenario, n, MaxBeneficiaries)
	}
	if t := l.Scenario.Ticks(); t > MaxTicks {
		return nil, fmt.Errorf("classroom: %s runs %d weeks; the page runs at most %d", c.Scenario, t, MaxTicks)
	}
	return l, nil
}

// Text is how the page writes the lever at value v: "on" or "off" for a
// switch, the name of a position where it has one ("no backbone", "co-design",
// "the partners' own" for null), a share as a percentage, else the number and
// its unit ("2 full-time staff").
func (lv *Lever) Text(v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return "on"
		}
		return "off"
	case nil:
		return lv.Listed
	case float64:
		switch k := int(math.Round((x - lv.Min) / lv.Step)); {
		case lv.Names != nil && k >= 0 && k < len(lv.Names) && lv.Step == 1:
			return lv.Names[k]
		case x == lv.Min && lv.Zero != "":
			return lv.Zero
		case x == lv.Max && lv.Top != "":
			return lv.Top
		case lv.Percent:
			return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
		}
		s := strconv.FormatFloat(x, 'f', -1, 64)
		switch {
		case lv.Unit != "" && x == 1 && strings.HasSuffix(lv.Unit, "s"):
			s += " " + strings.TrimSuffix(lv.Unit, "s") // 1 year, 1 week
		case lv.Unit != "":
			s += " " + lv.Unit
		}
		return s
	}
	return fmt.Sprint(v)
}

// positions are the texts of a slider's positions from Min to Max, so the
// page writes a value exactly as Text does.
func (lv *Lever) positions() []string {
	if lv.Kind != "slider" {
		return nil
	}
	n := int(math.Round((lv.Max-lv.Min)/lv.Step)) + 1
	out := make([]string, n)
	for k := range out {
		out[k] = lv.Text(lv.Min + float64(k)*lv.Step)
	}
	return out
}

// LeverOf returns the lever with the --set key, and whether there is one.
func LeverOf(key string) (Lever, bool) {
	lv, ok := leverOf(key)
	if !ok {
		return Lever{}, false
	}
	return *lv, true
}

// Horizon returns a built-in scenario's horizon in weeks (no lever
// changes it), or why it does not load.
func Horizon(name string) (int, error) {
	l, err := load(Config{Scenario: name})
	if err != nil {
		return 0, err
	}
	return l.Scenario.Ticks(), nil
}
