package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// tiny keeps exploration tests short: one year of 200 young people.
var tiny = []string{"--years", "1", "--set", "beneficiaries.count=200", "--quiet"}

func withTiny(args ...string) []string { return append(append([]string(nil), args...), tiny...) }

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCLI(args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

func TestSweepGridWritesPointsPlotsAndJSON(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	stdout := mustRun(t, withTiny("sweep", "isolated", "collective-impact", "--vary", "problem.complementarity=0:1:3",
		"--vary", "governance.beneficiary_engagement=0:4:3", "--runs", "3", "--json", "--out", out)...)
	var v struct {
		Method string
		Points []struct {
			Levers      map[string]float64
			Runs        int
			Designs     []map[string]struct{ Mean *float64 }
			Differences []map[string]struct{ Mean *float64 }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if v.Method != "grid" || len(v.Points) != 9 {
		t.Fatalf("method %q, %d points; want grid of 9", v.Method, len(v.Points))
	}
	// The grid's last lever varies fastest; whole levers take whole values.
	if got := v.Points[1].Levers["governance.beneficiary_engagement"]; got != 2 {
		t.Errorf("point 1 engagement = %v, want 2", got)
	}
	p := v.Points[4]
	a, b, d := *p.Designs[0]["outcome_rate"].Mean, *p.Designs[1]["outcome_rate"].Mean, *p.Differences[0]["outcome_rate"].Mean
	if p.Runs != 3 || abs(b-a-d) > 1e-12 {
		t.Errorf("point 4: runs %d, difference %v, want %v", p.Runs, d, b-a)
	}
	// The terminal's table shows the outcome rates in %, their difference
	// in percentage points.
	m, err := results.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err = printSweep(&table, out, m, false); err != nil {
		t.Fatal(err)
	}
	text, row := table.String(), tableRows(table.String())["4"]
	heads := strings.Contains(text, "collective-impact: outcome rate (%) [95% CI]") && strings.Contains(text, "difference (pp) [95% CI]")
	if !heads || len(row) == 0 || !strings.HasPrefix(row[len(row)-1], results.FormatIn("outcome_rate", d)+" [") {
		t.Errorf("point 4's difference %v, want it in pp (%s):\n%s", row, results.FormatIn("outcome_rate", d), text)
	}
	for _, f := range []string{"points.csv", "summary.csv", "timeseries.csv", "comparison.csv", "report.html", "plots/heatmap_outcome_rate.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	head, _ := os.ReadFile(filepath.Join(out, "points.csv"))
	if !strings.HasPrefix(string(head), "point,problem.complementarity,governance.beneficiary_engagement,runs,a_outcome_rate_mean,") {
		t.Errorf("points.csv header: %.120s", head)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// A sweep split into shards and merged, or interrupted and resumed, gives
// the files of one uninterrupted run; so do 1 and 4 workers.
func TestSweepShardsWorkersAndResumeGiveTheSameFiles(t *testing.T) {
	args := withTiny("sweep", "collective-impact", "--design", "lhs", "--points", "5", "--vary", "governance.power_sharing=0:1",
		"--vary", "governance.meeting_interval_weeks=1:8", "--runs", "2")
	whole, four := t.TempDir(), t.TempDir()
	mustRun(t, append(args, "--out", whole, "--workers", "1")...)
	mustRun(t, append(args, "--out", four, "--workers", "4")...)
	diffFiles(t, "1 vs 4 workers", resultFiles(t, whole), resultFiles(t, four))
	root := t.TempDir()
	var shards []string
	for i := 0; i < 3; i++ {
		dir := filepath.Join(root, string(rune('a'+i)))
		mustRun(t, append(args, "--out", dir, "--shard", string(rune('0'+i))+"/3")...)
		shards = append(shards, dir)
	}
	merged := filepath.Join(root, "merged")
	if stdout := mustRun(t, "merge", "--quiet", "--out", merged, shards[1], shards[2], shards[0]); !strings.Contains(stdout, "5 points; every metric") {
		t.Errorf("merge prints what sweep prints:\n%s", stdout)
	}
	diffFiles(t, "merged shards vs one run", resultFiles(t, whole), resultFiles(t, merged))
	// Stopped before it starts, then resumed.
	stopped := t.TempDir()
	ctxArgs := append(args, "--out", stopped)
	if code, _, stderr := runCancelled(ctxArgs...); code != 130 || !strings.Contains(stderr, "--resume "+stopped) {
		t.Fatalf("interrupted sweep: exit %d, %q", code, stderr)
	}
	mustRun(t, "sweep", "--quiet", "--resume", stopped)
	diffFiles(t, "resumed vs uninterrupted", resultFiles(t, whole), resultFiles(t, stopped))
}

func TestExplorationBadInputExitsTwoWithOneLine(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	finished := t.TempDir()
	// At point values its runs draw nothing: neither a sweep nor draws to discover in.
	mustRun(t, withTiny("run", "--runs", "2", "--point", "--out", finished, "isolated")...)
	for _, args := range [][]string{
		{"sweep", "isolated", "--vary", "problem.complementarity=0.8:0.2"},
		{"sweep", "isolated", "--vary", "no.such.lever=0:1"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1:0"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:x"},
		{"sweep", "isolated", "--vary", "problem.complementarity"},
		{"sweep", "isolated", "--vary", "governance.common_agenda=0:2"},
		{"sweep", "isolated", "--vary", "governance.beneficiary_engagement=0:2.5"},
		{"sweep", "isolated", "--vary", "governance.power_sharing=0:2"},
		{"sweep", "isolated", "--vary", "name=0:1"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1", "--vary", "problem.complementarity=0:1"},
		{"sweep", "isolated"},
		{"sweep", "--vary", "problem.complementarity=0:1"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1:3", "--design", "lhs"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1", "--design", "lhs", "--points", "1"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1", "--design", "spiral"},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1:1000", "--vary", "governance.power_sharing=0:1:1000"},
		// 256⁸ = 2⁶⁴ would overflow to 0 points if multiplied first.
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1:256", "--vary", "governance.power_sharing=0:1:256",
			"--vary", "governance.backbone_staff=0:4:256", "--vary", "problem.need_drift=0:0.01:256", "--vary", "actors.value_spread=0:0.5:256",
			"--vary", "actors.capability_overlap=0:1:256", "--vary", "funding.horizon_years=1:10:256", "--vary", "economics.averted_share=0:1:256"},
		{"sweep", "--resume", finished, "--set", "governance.backbone_staff=0"},
		// A --set or --years of a lever the points set was overridden without a word.
		{"sweep", "isolated", "--vary", "governance.power_sharing=0:1", "--set", "governance.power_sharing=0.3"},
		{"sweep", "isolated", "--vary", "horizon.years=1:2", "--years", "1"},
		{"conditions", "--set", "governance.common_agenda=true"},
		{"explain", "--set", "channels.referral=false"},
		{"explain", "--channels", ""},
		{"sweep", "isolated", "--vary", "problem.complementarity=0:1", "--design", "grid", "--points", "7"},
		{"hypotheses", "H1", "--runs", "1"},
		{"conditions", "--runs", "1"},
		{"sensitivity", "isolated", "--vary", "problem.complementarity=0:1", "--samples", "3"},
		{"sensitivity", "isolated", "--vary", "problem.complementarity=0:1", "--method", "anova"},
		{"sensitivity", "isolated", "--vary", "problem.complementarity=0:1", "--metric", "happiness"},
		{"sensitivity", "isolated", "--vary", "problem.complementarity=0:1", "--method", "morris", "--levels", "3"},
		{"sensitivity", "isolated", "--vary", "problem.complementarity=0.5:0.5"},
		{"conditions", "--vary", "problem.complementarity=0:1"},
		{"conditions", "isolated", "collective-impact"},
		{"hypotheses", "H4"},
		{"hypotheses", "all", "--shard", "0/2"},
		{"explain", "--channels", "referral,referral", "--runs", "2"},
		{"explain", "--orders", "0", "--runs", "2"},
		{"discover", finished, "--above", "0.5"},
		{"discover", out},
		{"discover", finished},
		{"discover", finished, "--above", "0.5", "--min-density", "2"},
	} {
		code, stdout, stderr := runCLI(append(args, "--out", out)...)
		if args[0] == "discover" {
			code, stdout, stderr = runCLI(args...)
		}
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
		if stdout != "" || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: want one line on stderr and nothing on stdout, got %q / %q", args, stdout, stderr)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("bad input wrote %d files", len(entries))
	}
}

// A real lever with LO = HI is one level, not STEPS copies of it.
func TestSweepOfAnEmptyRangeIsOnePoint(t *testing.T) {
	withoutRace(t)
	stdout := mustRun(t, withTiny("sweep", "isolated", "--vary", "problem.complementarity=0.5:0.5", "--runs", "2", "--json", "--out", t.TempDir())...)
	var v struct{ Points []struct{} }
	if err := json.Unmarshal([]byte(stdout), &v); err != nil || len(v.Points) != 1 {
		t.Errorf("%d points (%v), want 1", len(v.Points), err)
	}
}

func TestSensitivityWritesIndices(t *testing.T) {
	withoutRace(t)
	for _, tc := range []struct {
		method string
		flags  []string
		rows   int
		unit   string  // of the values in the tables
		k      float64 // stored × k = shown
	}{
		{"sobol", []string{"--samples", "8"}, 2 * 3, " (0–1)", 1},
		{"morris", []string{"--trajectories", "4"}, 3 * 3, " (pp)", 100},
	} {
		out := t.TempDir()
		args := append([]string{"sensitivity", "collective-impact", "--method", tc.method, "--runs", "1", "--out", out,
			"--vary", "problem.complementarity=0:1", "--vary", "governance.backbone_staff=0:3", "--vary", "funding.pooled=0:1"}, tc.flags...)
		stdout := mustRun(t, withTiny(append(args, "--json")...)...)
		var v struct {
			Indices []struct {
				Lever, Index string
				Value        float64
			}
		}
		if err := json.Unmarshal([]byte(stdout), &v); err != nil || len(v.Indices) != tc.rows {
			t.Errorf("%s: %d indices (%v), want %d:\n%s", tc.method, len(v.Indices), err, tc.rows, stdout)
		}
		report, _ := os.ReadFile(filepath.Join(out, "report.html"))
		if !strings.Contains(string(report), "Sensitivity of outcome rate") || !strings.Contains(string(report), "<th>value"+tc.unit+" [95% CI]</th>") {
			t.Errorf("%s: the report has no sensitivity section, or its table does not say %q", tc.method, tc.unit)
		}
		// The terminal's table is in the report's units: Sobol indices on
		// 0–1, Morris's effects of an outcome rate in percentage points.
		m, _ := results.ReadManifest(out)
		var table bytes.Buffer
		if err := printSensitivity(&table, out, m, false); err != nil {
			t.Fatal(err)
		}
		first := v.Indices[0]
		row := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(first.Lever) + ` {2,}` + regexp.QuoteMeta(first.Index) + ` {2,}` +
			regexp.QuoteMeta(results.FormatNumber(tc.k*first.Value)) + `( |$)`)
		if !strings.Contains(table.String(), "value"+tc.unit+" [95% CI]") || !row.MatchString(table.String()) {
			t.Errorf("%s: %s %s is %v, want it ×%g under value%s:\n%s", tc.method, first.Lever, first.Index, first.Value, tc.k, tc.unit, table.String())
		}
	}
}

// On a sweep over complementarity, collective impact's advantage grows
// with it (as pattern 1 says); discovery must find that the cases of a
// large advantage sit at high complementarity.
func TestDiscoverFindsWhereCollectiveImpactWins(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	mustRun(t, "sweep", "isolated", "collective-impact", "--design", "lhs", "--points", "40", "--runs", "4", "--years", "4",
		"--set", "beneficiaries.count=300", "--quiet", "--out", out,
		"--vary", "problem.complementarity=0:1", "--vary", "governance.power_sharing=0:1")
	stdout := mustRun(t, "discover", out, "--above", "0.02", "--json")
	var v struct {
		Cases int
		Boxes []struct {
			Where    string
			Coverage float64
		}
		Answer string
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatal(err)
	}
	if v.Cases == 0 || len(v.Boxes) == 0 {
		t.Fatalf("no cases or boxes: %s", stdout)
	}
	// The first box bounds complementarity from below, at a high value
	// (it may also bound it from above), and covers most cases.
	b := v.Boxes[0]
	m := regexp.MustCompile(`([0-9.]+) ≤ problem\.complementarity|problem\.complementarity ≥ ([0-9.]+)`).FindStringSubmatch(b.Where)
	lower := 0.0
	if m != nil {
		lower, _ = strconv.ParseFloat(m[1]+m[2], 64)
	}
	if lower < 0.5 || b.Coverage < 0.5 {
		t.Errorf("first box %+v, want complementarity of at least ½ covering most cases", b)
	}
	for _, f := range []string{"discovery.csv", "discovery_trajectory.csv", "discovery.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// discovery.csv gives each limit's quasi-p-value, and NA (never an
	// empty field) where the box leaves a side or a lever free: the first
	// box's lower limit on complementarity is far from chance.
	csv, _ := os.ReadFile(filepath.Join(out, "discovery.csv"))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	head, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
	col := map[string]string{}
	for i, h := range head {
		col[h] = row[i]
		if row[i] == "" {
			t.Errorf("discovery.csv: %s is empty, want a value or NA", h)
		}
	}
	if p, err := strconv.ParseFloat(col["problem.complementarity.p"], 64); err != nil || p > 0.05 {
		t.Errorf("quasi-p of the complementarity limit %q, want a value below 0.05", col["problem.complementarity.p"])
	}
}

// In a comparison whose runs drew the uncertain parameters, discovery
// explains the paired difference by the draws. Where isolated
// organisations already signpost much (a high base referral rate ρ_s),
// active referral adds little, so ρ_s must be screened in at 150 runs;
// with 60 runs no other parameter may be told apart from chance (peeling
// 125 dimensions unscreened finds boxes in the noise), and at either size
// a box may limit only parameters screened in.
func TestDiscoverOnRunsScreensTheDrawnParameters(t *testing.T) {
	withoutRace(t)
	type discovery struct {
		Cases, Points int
		Screened      []string `json:"screened_in"`
		Boxes         []struct{ Where string }
	}
	discover := func(runs string) discovery {
		out := t.TempDir()
		mustRun(t, "compare", "isolated", "collective-impact", "--runs", runs, "--years", "4",
			"--set", "beneficiaries.count=300", "--quiet", "--out", out)
		var v discovery
		if err := json.Unmarshal([]byte(mustRun(t, "discover", out, "--above", "0", "--json")), &v); err != nil {
			t.Fatal(err)
		}
		if v.Cases == 0 || v.Cases == v.Points {
			t.Fatalf("%s runs: want some runs as cases: %+v", runs, v)
		}
		return v
	}
	boxesScreened := func(v discovery) {
		for _, b := range v.Boxes {
			for _, name := range regexp.MustCompile(`params\.[a-z_.]+[a-z]`).FindAllString(b.Where, -1) {
				if !slices.Contains(v.Screened, name) {
					t.Errorf("box %q limits %s, which was not screened in", b.Where, name)
				}
			}
		}
	}
	const rhoS = "params.delivery.referral_base"
	v := discover("60")
	if len(slices.DeleteFunc(slices.Clone(v.Screened), func(s string) bool { return s == rhoS })) != 0 {
		t.Errorf("60 runs: screened in %v, want nothing but %s", v.Screened, rhoS)
	}
	boxesScreened(v)
	v = discover("150")
	if !slices.Contains(v.Screened, rhoS) {
		t.Errorf("150 runs: screened in %v, want %s among them", v.Screened, rhoS)
	}
	boxesScreened(v)
}

func TestConditionsAndHypothesesRun(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	stdout := mustRun(t, withTiny("conditions", "--runs", "3", "--out", out)...)
	report, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !strings.Contains(stdout, "backbone_support") || !strings.Contains(stdout, "interaction") || !strings.Contains(stdout, "estimate (pp) [95% CI]") ||
		!strings.Contains(string(report), "<th>estimate (pp) [95% CI]</th>") {
		t.Errorf("conditions table (effects on the outcome rate in percentage points, in the terminal and the report):\n%s", stdout)
	}
	b, _ := os.ReadFile(filepath.Join(out, "effects.csv"))
	if n := strings.Count(string(b), "\n"); n != 1+7+21 {
		t.Errorf("effects.csv has %d lines, want header + 7 main effects + 21 interactions", n)
	}
	hy := t.TempDir()
	stdout = mustRun(t, withTiny("hypotheses", "H2", "--runs", "3", "--out", hy)...)
	if !strings.HasPrefix(stdout, "H2 — Complementary capabilities") || !strings.Contains(stdout, "cisim hypotheses H2 --scenario refined-collective-impact") {
		t.Errorf("hypotheses output:\n%s", stdout)
	}
	if report, _ = os.ReadFile(filepath.Join(hy, "report.html")); !strings.Contains(string(report), "<td>outcome_rate (pp)</td>") {
		t.Error("the hypothesis's table does not give its effects on the outcome rate in pp")
	}
	for _, f := range []string{"hypothesis.csv", "report.html", "plots/hypothesis_outcome_rate.svg"} {
		if _, err := os.Stat(filepath.Join(hy, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

// runCancelled runs a command line whose context is already cancelled: an
// interrupt before the first replicate.
func runCancelled(args ...string) (code int, stdout, stderr string) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	code = cli(ctx, args, &o, &e)
	return code, o.String(), e.String()
}

// cisim explain attributes the difference to the channels: the Shapley
// values add up to the total minus the residual (every replicate's do,
// so their means do), and a channel that does nothing in either design
// (voice, with nobody engaged) carries nothing; a bad channel name is bad
// usage.
func TestExplainAddsUp(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	stdout := mustRun(t, withTiny("explain", "--runs", "3", "--channels", "referral,voice,competition", "--orders", "0", "--out", out)...)
	if !strings.Contains(stdout, "residual (the channels referral, voice, competition off)") || !strings.Contains(stdout, "referral") {
		t.Errorf("explain table:\n%s", stdout)
	}
	// Its shards, merged, print the same table.
	var shards []string
	for _, sh := range []string{"0/2", "1/2"} {
		dir := t.TempDir()
		mustRun(t, withTiny("explain", "--runs", "3", "--channels", "referral,voice,competition", "--orders", "0", "--shard", sh, "--out", dir)...)
		shards = append(shards, dir)
	}
	if merged := mustRun(t, append([]string{"merge", "--quiet", "--out", t.TempDir()}, shards...)...); merged != stdout {
		t.Errorf("merged shards print\n%s\nwant\n%s", merged, stdout)
	}
	cs, err := experiments.ReadContributions(out)
	if err != nil {
		t.Fatal(err)
	}
	var total, residual, sum float64
	for _, c := range cs {
		switch {
		case c.Method == "total":
			total = float64(c.Mean)
		case c.Method == "residual":
			residual = float64(c.Mean)
		case c.Method == "shapley":
			sum += float64(c.Mean)
			if c.Channel == "voice" && c.Mean != 0 {
				t.Errorf("voice carries %v with nobody engaged", c.Mean)
			}
		}
	}
	if math.Abs(sum-(total-residual)) > 1e-9 {
		t.Errorf("Shapley values add up to %v, total − residual is %v", sum, total-residual)
	}
	// The table gives the parts of a difference of outcome rates in pp.
	if row := tableRows(stdout)["total (every channel on)"]; !strings.Contains(stdout, "outcome_rate: collective-impact − isolated (pp)") ||
		len(row) == 0 || !strings.HasPrefix(row[0], results.FormatIn("outcome_rate", total)+" [") {
		t.Errorf("total %v, want it in pp (%s):\n%s", total, results.FormatIn("outcome_rate", total), stdout)
	}
	for _, f := range []string{"explain.csv", "report.html", "plots/explain_shapley.svg", "summary.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if code, _, stderr := runCLI(withTiny("explain", "--channels", "gossip", "--out", t.TempDir())...); code != 2 || !strings.Contains(stderr, `unknown channel "gossip"`) {
		t.Errorf("unknown channel: exit %d, %s", code, stderr)
	}
}
