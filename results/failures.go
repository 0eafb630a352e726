package results

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cisim/cisim/analysis"
)

// FailuresFile holds the shares of runs that failed, by design and way of
// failing.
const FailuresFile = "failures.csv"

// The ways a run of a design fails.
const (
	FailStalled  = "stalled"      // with a common agenda, no plan was ever agreed
	FailBrokeUp  = "broke_up"     // fewer than half the initial partners, or fewer than two, remained
	FailLostTwin = "lost_to_twin" // its outcome rate ended below its paired run of the other design
	FailAny      = "failed"       // any of these: stalled, broke up or lost to its twin
)

// LostToTwin says whether a run's outcome rate ended below its paired run
// of the other design.
func LostToTwin(outcome, twin float64) bool { return outcome < twin }

// RunFailed says whether a run failed any way against its twin: it
// stalled, broke up or lost to it.
func RunFailed(stalled, brokeUp bool, outcome, twin float64) bool {
	return stalled || brokeUp || LostToTwin(outcome, twin)
}

// Failure is the share of a design's runs that failed one way, with its 95%
// Wilson interval. Versus names the other design for the ways that compare
// (lost to twin, failed); it is empty for the others. A share that does not
// apply (stalling, to a design without a common agenda) is NA.
type Failure struct {
	Scenario string `json:"scenario"`
	Versus   string `json:"versus"`
	Kind     string `json:"failure"`
	Runs     int    `json:"runs"`
	Share    Num    `json:"share"`
	Lo       Num    `json:"share_ci95_lo"`
	Hi       Num    `json:"share_ci95_hi"`
}

// NewFailure is the share k of n runs, or NA when the way does not apply.
func NewFailure(scenario, versus, kind string, k, n int, applies bool) Failure {
	f := Failure{Scenario: scenario, Versus: versus, Kind: kind, Runs: n}
	e := analysis.ProportionCI(k, n, 0.95)
	f.Share, f.Lo, f.Hi = Num(e.Mean), Num(e.Lo), Num(e.Hi)
	if !applies {
		f.Share, f.Lo, f.Hi = Num(nan()), Num(nan()), Num(nan())
	}
	return f
}

var failureColumns = []string{"scenario", "versus", "failure", "runs", "share", "share_ci95_lo", "share_ci95_hi"}

// WriteFailures writes failures.csv into dir; versus is NA where a way of
// failing is not against a twin.
func WriteFailures(dir string, fs []Failure) error {
	rows := make([][]string, len(fs))
	for i, f := range fs {
		rows[i] = append([]string{f.Scenario, versusField(f.Versus), f.Kind, strconv.Itoa(f.Runs)},
			FormatValues(float64(f.Share), float64(f.Lo), float64(f.Hi))...)
	}
	return WriteTable(dir, FailuresFile, failureColumns, rows)
}

func versusField(v string) string {
	if v == "" {
		return "NA"
	}
	return v
}

// ReadFailures reads failures.csv from dir.
func ReadFailures(dir string) ([]Failure, error) {
	b, err := os.Open(filepath.Join(dir, FailuresFile))
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer b.Close()
	rows, err := csv.NewReader(b).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(failureColumns, ",") {
		return nil, fmt.Errorf("results: %s is not this version's failures table", filepath.Join(dir, FailuresFile))
	}
	var out []Failure
	for _, r := range rows[1:] {
		f := Failure{Scenario: r[0], Versus: r[1], Kind: r[2]}
		if f.Versus == "NA" {
			f.Versus = ""
		}
		f.Runs, _ = strconv.Atoi(r[3])
		vals := make([]float64, 3)
		if err := parseValues(vals, r[4:7]); err != nil {
			return nil, fmt.Errorf("results: %s: %w", FailuresFile, err)
		}
		f.Share, f.Lo, f.Hi = Num(vals[0]), Num(vals[1]), Num(vals[2])
		out = append(out, f)
	}
	return out, nil
}

func nan() float64 { return math.NaN() }
