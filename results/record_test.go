package results

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
)

func TestFromSummaryFollowsColumnOrder(t *testing.T) {
	s := sim.Summary{OutcomeRate: 0.1, ParticipantOutcomeRate: 0.15, MeanTrust: 0.2, AgendaAlignment: 0.3, Partners: 4,
		TotalCost: 5, CostPerOutcome: 6, SROI: 7, ProgramOutcomes: 8, AdditionalOutcomes: 9, Stalled: true, BrokeUp: true,
		PhaseTicks: [4]int{0, 12, -1, -1}}
	r := FromSummary("x", 3, 9, s)
	if r.Scenario != "x" || r.Replicate != 3 || r.Seed != 9 {
		t.Fatalf("identity fields: %+v", r)
	}
	if len(r.Values) != len(Columns()) || len(Metrics()) != NumMetrics {
		t.Fatalf("%d values for %d columns", len(r.Values), len(Columns()))
	}
	for c, want := range []float64{0.1, 0.15, 0.2, 0.3, 4, 5, 6, 7, 8, 9} {
		if r.Values[c] != want {
			t.Errorf("%s = %v, want %v", Col(c), r.Values[c], want)
		}
	}
	if r.Values[ColStalled] != 1 || r.Values[ColBrokeUp] != 1 || r.Values[ColAgreed] != 0 || r.Values[ColTickRun] != 12 || !math.IsNaN(r.Values[ColTickRedesign]) {
		t.Errorf("stalled %v, tick_run %v, tick_redesign %v", r.Values[ColStalled], r.Values[ColTickRun], r.Values[ColTickRedesign])
	}
}

// The headline metrics are those the README's table shows, in its order, with the outcome
// rate among participants beside the one of the population, and each is
// found by its name; the lists handed out are copies.
func TestColumnNames(t *testing.T) {
	want := []string{"outcome_rate", "participant_outcome_rate", "mean_trust", "agenda_alignment", "partners_remaining", "total_cost", "cost_per_outcome", "sroi"}
	if got := Metrics(); !slices.Equal(got, want) {
		t.Fatalf("Metrics() = %v, want %v", got, want)
	}
	for c, name := range want {
		if got, ok := Metric(name); !ok || got != Col(c) {
			t.Errorf("Metric(%q) = %v, %v", name, got, ok)
		}
	}
	if _, ok := Metric("program_outcomes"); ok {
		t.Error("program_outcomes is a column but not a headline metric")
	}
	Metrics()[0], Columns()[0] = "x", "x"
	if Metrics()[0] != "outcome_rate" || Columns()[0] != "outcome_rate" || ColTickExponential.String() != "tick_exponential" {
		t.Error("the column names can be changed from outside")
	}
}

func TestSummaryCSVRoundTrip(t *testing.T) {
	recs := []Record{
		FromSummary("collective-impact", 0, 1, sim.Summary{OutcomeRate: 0.75, CostPerOutcome: math.NaN(), WeeksToOutcome: math.NaN()}),
		FromSummary(`odd, "name"`, 1, 1, sim.Summary{OutcomeRate: 1.0 / 3, TotalCost: 1.5e8}),
	}
	b := []byte(SummaryHeader() + "\n")
	for _, r := range recs {
		b = r.AppendCSV(b)
	}
	if !strings.Contains(string(b), ",NA,") {
		t.Error("NaN should be written as NA")
	}
	var got []Record
	if err := ReadSummary(strings.NewReader(string(b)), func(r Record) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Scenario != `odd, "name"` || got[1].Values[ColOutcomeRate] != 1.0/3 ||
		got[1].Values[ColTotalCost] != 1.5e8 || !math.IsNaN(got[0].Values[ColCostPerOutcome]) {
		t.Fatalf("round trip: %+v", got)
	}
}

// Drawn parameters and a sweep's levers follow the run's columns; the
// header says how many of each, and they read back.
func TestSummaryWithDrawnAndLevers(t *testing.T) {
	m := &Manifest{Drawn: []string{"params.trust.gain", "params.conflict.rate"}, Sweep: &Sweep{Levers: []string{"governance.backbone_staff"}}}
	r := FromSummary("a", 2, 1, sim.Summary{OutcomeRate: 0.5})
	r.Drawn, r.Point, r.Levers = []float64{0.04, math.NaN()}, 3, []float64{1.5}
	b := r.AppendCSV([]byte(m.SummaryHeader() + "\n"))
	var got Record
	if err := ReadSummary(strings.NewReader(string(b)), func(x Record) error { got = x; return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Drawn[0] != 0.04 || !math.IsNaN(got.Drawn[1]) || got.Point != 3 || got.Levers[0] != 1.5 || got.Values[ColOutcomeRate] != 0.5 {
		t.Errorf("round trip: %+v", got)
	}
	m.Sweep, r.Levers = nil, nil
	b = r.AppendCSV([]byte(m.SummaryHeader() + "\n"))
	if err := ReadSummary(strings.NewReader(string(b)), func(x Record) error { got = x; return nil }); err != nil || len(got.Drawn) != 2 || got.Levers != nil {
		t.Errorf("without a sweep: %+v, %v", got, err)
	}
}

// A comparison's spread of paired differences is their type 7 quantiles
// (R: quantile(c(1, 0, 2, 0, 4), c(0.05, 0.5, 0.95)) = 0, 1, 3.6), NaN
// pairs left out; a ratio of totals has none.
func TestComparisonSpreadOfDifferences(t *testing.T) {
	c := Compare("m", "a", "b", []float64{1, 2, 3, 4, 5, math.NaN()}, []float64{2, 2, 5, 4, 9, 7})
	if got := []float64{float64(c.DiffP05), float64(c.DiffP50), float64(c.DiffP95)}; math.Abs(got[0]) > 1e-12 || math.Abs(got[1]-1) > 1e-12 || math.Abs(got[2]-3.6) > 1e-12 {
		t.Errorf("spread %v, want 0, 1, 3.6", got)
	}
	r := CompareRatio("cost_per_outcome", "a", "b", []float64{1}, []float64{1}, []float64{2}, []float64{1})
	if !math.IsNaN(float64(r.DiffP50)) {
		t.Errorf("a ratio of totals has a spread %v", r.DiffP50)
	}
}

// ReadColumn reads each column as ReadSummary does, quoted scenario names,
// NA, booleans, drawn numbers and a sweep's levers around it; a row of
// the wrong length fails both; fieldAt counts and picks the fields
// splitFields gives, quotes and empty fields included.
func TestReadColumnAgreesWithReadSummary(t *testing.T) {
	m := &Manifest{Drawn: []string{"params.trust.gain", "params.conflict.rate"}, Sweep: &Sweep{Levers: []string{"governance.backbone_staff"}}}
	b := []byte(m.SummaryHeader() + "\n")
	for k, name := range []string{"a", `odd, "name"`, `"`, ""} {
		r := FromSummary(name, k, 1, sim.Summary{OutcomeRate: 1.0 / float64(k+3), TotalCost: 1.5e8 * float64(k), CostPerOutcome: math.NaN(), Stalled: k%2 == 1, PhaseTicks: [4]int{0, k, -1, -1}})
		r.Drawn, r.Point, r.Levers = []float64{0.04 * float64(k), math.NaN()}, k, []float64{1.5}
		b = r.AppendCSV(b)
	}
	var recs []Record
	if err := ReadSummary(strings.NewReader(string(b)), func(r Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	for c := range Col(NumColumns) {
		var got []float64
		if err := ReadColumn(strings.NewReader(string(b)), c, func(x float64) error { got = append(got, x); return nil }); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if len(got) != len(recs) {
			t.Fatalf("%s: %d rows, want %d", c, len(got), len(recs))
		}
		for r := range recs {
			if want := recs[r].Values[c]; math.Float64bits(got[r]) != math.Float64bits(want) && !(math.IsNaN(got[r]) && math.IsNaN(want)) {
				t.Errorf("%s, row %d: %v, want %v", c, r, got[r], want)
			}
		}
	}
	short := string(b) + "a,1,1\n"
	errS := ReadSummary(strings.NewReader(short), func(Record) error { return nil })
	errC := ReadColumn(strings.NewReader(short), ColOutcomeRate, func(float64) error { return nil })
	if errS == nil || errC == nil || errS.Error() != errC.Error() {
		t.Errorf("a short row: ReadSummary %v, ReadColumn %v", errS, errC)
	}
	for _, line := range []string{"", "a", "a,", ",a", "a,,b", `"x,y",1`, `"x""y",,`, `"unterminated,1`, `"a"b,c`, `1,"2",3`} {
		fields := splitFields(line)
		for k := range len(fields) + 1 {
			n, f := fieldAt([]byte(line), k)
			want := ""
			if k < len(fields) {
				want = fields[k]
			}
			if n != len(fields) || f != want {
				t.Errorf("fieldAt(%q, %d) = %d, %q; splitFields gives %d, %q", line, k, n, f, len(fields), want)
			}
		}
	}
}
