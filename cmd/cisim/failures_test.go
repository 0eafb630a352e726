package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readTable reads a CSV file of an output folder as rows of named fields.
func readTable(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v (%d rows)", path, err, len(rows))
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The failure shares on the terminal, in failures.csv and in
// comparison.csv are counts of the runs in summary.csv: recounted here
// from its stalled, broke_up and outcome_rate columns. Isolated impact has
// no plan to agree, so its stalling is NA in failures.csv and 0 in the
// paired comparison.
func TestFailureSharesCountTheRuns(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	stdout := mustRun(t, "compare", "isolated", "collective-impact", "--runs", "40", "--years", "2",
		"--set", "beneficiaries.count=200", "--quiet", "--out", out)
	if !strings.Contains(stdout, "lost to its paired twin") {
		t.Errorf("no failure table on the terminal:\n%s", stdout)
	}
	sum := readTable(t, filepath.Join(out, "summary.csv"))
	runs := map[string][]map[string]string{}
	for _, r := range sum {
		runs[r["scenario"]] = append(runs[r["scenario"]], r)
	}
	iso, ci := runs["isolated"], runs["collective-impact"]
	want := map[string]float64{} // scenario/kind → share
	var stalled, broke, lost, anyway [2]float64
	for r := range iso {
		for k, run := range [2]map[string]string{iso[r], ci[r]} {
			twin := [2]map[string]string{ci[r], iso[r]}[k]
			s, b := run["stalled"] == "TRUE", run["broke_up"] == "TRUE"
			l := parse(t, run["outcome_rate"]) < parse(t, twin["outcome_rate"])
			stalled[k] += b2f(s)
			broke[k] += b2f(b)
			lost[k] += b2f(l)
			anyway[k] += b2f(s || b || l)
		}
	}
	n := float64(len(iso))
	want["collective-impact/stalled"] = stalled[1] / n
	want["isolated/broke_up"], want["collective-impact/broke_up"] = broke[0]/n, broke[1]/n
	want["isolated/lost_to_twin"], want["collective-impact/lost_to_twin"] = lost[0]/n, lost[1]/n
	want["isolated/failed"], want["collective-impact/failed"] = anyway[0]/n, anyway[1]/n
	if stalled[1] == 0 || lost[0] == 0 || lost[1] == 0 {
		t.Fatalf("the test needs stalled and lost runs: stalled %v lost %v", stalled, lost)
	}
	for _, f := range readTable(t, filepath.Join(out, "failures.csv")) {
		key := f["scenario"] + "/" + f["failure"]
		if key == "isolated/stalled" {
			if f["share"] != "NA" {
				t.Errorf("isolated impact stalled %s, want NA", f["share"])
			}
			continue
		}
		share, lo, hi := parse(t, f["share"]), parse(t, f["share_ci95_lo"]), parse(t, f["share_ci95_hi"])
		if share != want[key] || !(lo <= share && share <= hi) {
			t.Errorf("%s: share %v [%v, %v], want %v inside its interval", key, share, lo, hi, want[key])
		}
	}
	rows := 0
	for _, c := range readTable(t, filepath.Join(out, "comparison.csv")) {
		kind := c["metric"]
		wa, wb := want["isolated/"+kind], want["collective-impact/"+kind]
		if _, ok := want["collective-impact/"+kind]; !ok {
			continue
		}
		rows++
		if parse(t, c["mean_a"]) != wa || parse(t, c["mean_b"]) != wb {
			t.Errorf("comparison of %s: %s vs %s, want %v vs %v", c["metric"], c["mean_a"], c["mean_b"], wa, wb)
		}
	}
	if rows != 4 {
		t.Errorf("comparison.csv has %d failure rows, want 4", rows)
	}
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return x
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// The drawn columns of a sweep are what its designs draw at its points: a
// lever the sweep sets is not drawn (nor named twice in the header), a
// number a point's settings give a distribution is (the conditions
// factorial's investment switched off draws the opening share of isolated
// impact), and with --point nothing is.
func TestSweepDrawnColumnsAreWhatThePointsDraw(t *testing.T) {
	withoutRace(t)
	header := func(args ...string) []string {
		out := t.TempDir()
		mustRun(t, append(args, "--years", "1", "--set", "beneficiaries.count=100", "--quiet", "--out", out)...)
		b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(b), "\n")
		return strings.Split(head, ",")
	}
	count := func(cols []string, name string) int {
		n := 0
		for _, c := range cols {
			if c == name {
				n++
			}
		}
		return n
	}
	drawn := func(cols []string) int {
		n := 0
		for _, c := range cols {
			if strings.HasPrefix(c, "params.") {
				n++
			}
		}
		return n
	}
	sw := header("sweep", "isolated", "--vary", "params.delivery.referral_base=0.05:0.25:2", "--runs", "1")
	if n := count(sw, "params.delivery.referral_base"); n != 1 {
		t.Errorf("a sweep over params.delivery.referral_base names it %d times in summary.csv", n)
	}
	if drawn(sw) < 100 {
		t.Errorf("the sweep's other parameters are not drawn: %d params columns", drawn(sw))
	}
	if c := header("conditions", "--runs", "2"); count(c, "params.funding.opening_share") != 1 {
		t.Error("the conditions factorial does not record its draws of params.funding.opening_share")
	}
	if c := header("conditions", "--runs", "2", "--point"); drawn(c) != 0 {
		t.Errorf("the conditions factorial at point values draws %d numbers", drawn(c))
	}
}
