package results

import (
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
)

func TestFromSummaryFollowsColumnOrder(t *testing.T) {
	s := sim.Summary{OutcomeRate: 0.1, MeanTrust: 0.2, AgendaAlignment: 0.3, Partners: 4,
		TotalCost: 5, CostPerOutcome: 6, SROI: 7, ProgramOutcomes: 8, Stalled: true,
		PhaseTicks: [4]int{0, 12, -1, -1}}
	r := FromSummary("x", 3, 9, s)
	if r.Scenario != "x" || r.Replicate != 3 || r.Seed != 9 {
		t.Fatalf("identity fields: %+v", r)
	}
	if len(r.Values) != len(Columns) {
		t.Fatalf("%d values for %d columns", len(r.Values), len(Columns))
	}
	for i, want := range []float64{0.1, 0.2, 0.3, 4, 5, 6, 7, 8} {
		if r.Values[i] != want {
			t.Errorf("%s = %v, want %v", Columns[i], r.Values[i], want)
		}
	}
	col := func(name string) float64 {
		for i, c := range Columns {
			if c == name {
				return r.Values[i]
			}
		}
		t.Fatalf("no column %s", name)
		return 0
	}
	if col("stalled") != 1 || col("tick_run") != 12 || !math.IsNaN(col("tick_redesign")) {
		t.Errorf("stalled %v, tick_run %v, tick_redesign %v", col("stalled"), col("tick_run"), col("tick_redesign"))
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
	if len(got) != 2 || got[1].Scenario != `odd, "name"` || got[1].Values[0] != 1.0/3 || got[1].Values[4] != 1.5e8 || !math.IsNaN(got[0].Values[5]) {
		t.Fatalf("round trip: %+v", got)
	}
}
