package targets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cisim/cisim/agents"
)

// Kind says what a target's figure is.
type Kind uint8

// The kinds of figure.
const (
	Observed Kind = iota // measured in the world
	Goal                 // a programme's aim, not a result
	Assumed              // an estimate or convention with no measurement behind it
)

var kindNames = []string{"observed", "goal", "assumed"}

func (k Kind) String() string { return kindNames[k] }

// Statistic is how runs become one number.
type Statistic uint8

// The statistics a target may name.
const (
	Mean              Statistic = iota // mean of a metric over a design's runs
	Share                              // share of a design's runs with a property
	Difference                         // mean of a metric under the design minus under versus, paired runs
	EffectSize                         // Cohen's d of a metric, design against versus, SD pooled (analysis.Paired's D)
	YearsToPhase                       // median years to reach a phase; a run that never does counts as beyond the horizon
	YearlyExit                         // mean share of those in need at a year\'s start who reach the outcome during it
	ParticipantEffect                  // mean over runs of participants\' outcome against their own no-programme counterfactual, as a logistic d
	NumStatistics     int       = iota
)

var statisticNames = []string{"mean", "share", "difference", "effect_size", "years_to_phase", "yearly_exit", "participant_effect_size"}

func (s Statistic) String() string { return statisticNames[s] }

// Properties a share may count, besides a metric above or below a value.
var properties = []string{"stalled", "broke_up", "failed", "lost_to_twin", "reached_run", "reached_redesign", "reached_exponential"}

// twinProperties are the properties that may, or must, be judged against
// a paired run of versus, as failures.csv judges them.
var twinProperties = []string{"failed", "lost_to_twin"}

// Target is one figure the model should reproduce.
type Target struct {
	Name      string
	Statistic Statistic
	Design    string // the design the statistic is computed on; "" the run's first
	Versus    string // the other design of a difference or effect size
	Metric    string // a per-run column of summary.csv, or with Year a per-tick metric
	Year      int    // the metric at the end of this year; 0 at the horizon
	Property  string // a share's property (one of properties), or "" with a metric
	Threshold float64
	AtLeast   bool         // a share of runs whose metric is ≥ Threshold (else ≤)
	Phase     agents.Phase // years_to_phase's phase
	Lo, Hi    float64      // the figure: Lo = Hi for a single value
	Kind      Kind
	Weight    float64
	Source    string
	Mapping   string
	Line      int // where the target is in its file
	Column    int
}

// Point says whether the figure is one value rather than an interval.
func (t *Target) Point() bool { return t.Lo == t.Hi }

// Figure writes the figure as the file gives it: 0.7, or 0.3 to 0.7.
func (t *Target) Figure() string {
	if t.Point() {
		return fmt.Sprintf("%.4g", t.Lo)
	}
	return fmt.Sprintf("%.4g to %.4g", t.Lo, t.Hi)
}

// Designs lists the designs the target's statistic needs: its design, and
// versus for a comparison.
func (t *Target) Designs() []string {
	if t.Versus != "" {
		return []string{t.Design, t.Versus}
	}
	return []string{t.Design}
}

// Describe says what the statistic is, in words.
func (t *Target) Describe() string {
	at := "at the horizon"
	if t.Year > 0 {
		at = fmt.Sprintf("at year %d", t.Year)
	}
	switch t.Statistic {
	case Mean:
		return fmt.Sprintf("mean %s %s, %s", t.Metric, at, t.Design)
	case Share:
		if t.Property != "" && t.Versus != "" {
			return fmt.Sprintf("share of %s runs %s against their %s twins", t.Design, strings.ReplaceAll(t.Property, "_", " "), t.Versus)
		}
		if t.Property != "" {
			return fmt.Sprintf("share of %s runs %s", t.Design, strings.ReplaceAll(t.Property, "_", " "))
		}
		op := "≤"
		if t.AtLeast {
			op = "≥"
		}
		return fmt.Sprintf("share of %s runs with %s %s %g %s", t.Design, t.Metric, op, t.Threshold, at)
	case Difference:
		return fmt.Sprintf("%s %s, %s minus %s", t.Metric, at, t.Design, t.Versus)
	case EffectSize:
		return fmt.Sprintf("Cohen's d of %s %s, %s against %s", t.Metric, at, t.Design, t.Versus)
	case YearlyExit:
		return fmt.Sprintf("share of those in need at the start of year %d who reach a job or studies during it, %s", t.Year, t.Design)
	case ParticipantEffect:
		return fmt.Sprintf("participants' outcome against their no-programme counterfactual (logistic d), %s", t.Design)
	}
	return fmt.Sprintf("median years to the %s phase, %s", t.Phase, t.Design)
}

// File is a targets file: a name, a description and its targets.
type File struct {
	Name        string
	Description string
	Origin      string // the file's path, or built-in:NAME
	SHA256      string // of the file's bytes
	Targets     []Target
}

// Used returns the targets a calibration fits: all of weight above 0 but
// goals, unless goals is set (a goal says what a programme hopes for, not
// what happens).
func (f *File) Used(goals bool) []Target {
	var out []Target
	for _, t := range f.Targets {
		if (t.Kind != Goal || goals) && t.Weight > 0 {
			out = append(out, t)
		}
	}
	return out
}

// Designs lists every design the targets name, in order of first mention.
func (f *File) Designs() []string {
	var out []string
	for _, t := range f.Targets {
		for _, d := range t.Designs() {
			if d != "" && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}
