package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/classroom"
	"github.com/cisim/cisim/web/internal/browser"
	"github.com/cisim/cisim/web/internal/native"
)

// These tests drive the classroom page in headless Chromium: the page runs
// the engine compiled to WebAssembly, and the tests run the same engine
// natively for the same scenario, seed, settings and week and compare.

// chromium returns the path of a Chromium or Chrome, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	browser.WithoutRace(t)
	return browser.Chromium(t, "the browser tests")
}

// view is the window a test looks through: its size in device pixels and
// its zoom (1.5 for a browser zoomed to 150%, whose CSS pixels are then
// 1.5 device pixels), and the fragment the page opens with.
type view struct {
	w, h int64
	zoom float64
	hash string
}

var (
	projector = view{w: 1280, h: 720, zoom: 1}
	fullHD    = view{w: 1920, h: 1080, zoom: 1}
	zoomed    = view{w: 1280, h: 720, zoom: 1.5}
)

// page serves the embedded page on loopback, opens it at 1920 × 1080 in a
// fresh headless browser and waits until the model is running. The
// context ends with the test or after limit.
func page(t *testing.T, limit time.Duration) context.Context { return pageIn(t, limit, fullHD) }

type serverKey struct{}

// pageIn is page through the view v.
func pageIn(t *testing.T, limit time.Duration, v view) context.Context {
	t.Helper()
	exe := chromium(t)
	srv := httptest.NewServer(pageHandler(t))
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(int(v.w), int(v.h)),
		chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	problems := &pageProblems{}
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithListener(problems.listen))
	ctx, cancelTime := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	t.Cleanup(func() { problems.check(t) }) // runs first, while the page is open
	ctx = context.WithValue(ctx, problemsKey{}, problems)
	ctx = context.WithValue(ctx, serverKey{}, srv.URL)
	zoom := v.zoom
	if zoom == 0 {
		zoom = 1
	}
	do(t, ctx, chromedp.EmulateViewport(int64(float64(v.w)/zoom), int64(float64(v.h)/zoom), chromedp.EmulateScale(zoom)))
	open(t, ctx, v.hash, limit*3/4)
	return ctx
}

// open loads the page with a fragment and waits until the model runs; on
// a shorter clock than the test's, so that the status line can still be
// read when the page does not start.
func open(t *testing.T, ctx context.Context, hash string, limit time.Duration) {
	t.Helper()
	do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(ctx.Value(serverKey{}).(string)+"/"+hash))
	readyCtx, cancelReady := context.WithTimeout(ctx, limit)
	defer cancelReady()
	if err := chromedp.Do(readyCtx, chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("status")))
		t.Fatalf("the page did not get ready: %v (status line: %q)", err, status)
	}
}

// pageProblems collects what the page reported as wrong: uncaught
// exceptions, console.error calls and the browser's own error entries,
// among them content security policy violations.
type pageProblems struct {
	mu      sync.Mutex
	seen    []string
	allowed []string // substrings of problems a test causes on purpose
}

type problemsKey struct{}

// listen runs on chromedp's event loop: it only records.
func (p *pageProblems) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "uncaught exception: " + ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			msg += " " + ex.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		msg = "console." + string(ev.Type) + ":"
		for _, a := range ev.Args {
			if a.Description != "" {
				msg += " " + a.Description
			} else {
				msg += " " + string(a.Value)
			}
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level != cdplog.EntryLevelError && ev.Entry.Source != cdplog.EntrySourceSecurity {
			return
		}
		msg = "browser " + string(ev.Entry.Source) + " " + string(ev.Entry.Level) + ": " + ev.Entry.Text + " " + ev.Entry.URL
	default:
		return
	}
	p.mu.Lock()
	p.seen = append(p.seen, msg)
	p.mu.Unlock()
}

func (p *pageProblems) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, msg := range p.seen {
		if !slices.ContainsFunc(p.allowed, func(a string) bool { return strings.Contains(msg, a) }) {
			t.Errorf("the page reported: %s", msg)
		}
	}
}

// allowProblem lets the page report a problem containing substr: the test
// causes it on purpose.
func allowProblem(ctx context.Context, substr string) {
	p := ctx.Value(problemsKey{}).(*pageProblems)
	p.mu.Lock()
	p.allowed = append(p.allowed, substr)
	p.mu.Unlock()
}

// problemsSeen returns what the page has reported so far.
func problemsSeen(ctx context.Context) []string {
	p := ctx.Value(problemsKey{}).(*pageProblems)
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.seen)
}

// do runs browser actions, get one that reads a value; either fails the
// test on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return get(t, ctx, chromedp.TextContent(chromedp.CSS(css)))
}

func attr(t *testing.T, ctx context.Context, css, name string) string {
	t.Helper()
	return get(t, ctx, chromedp.AttributeValue(chromedp.CSS(css), name)).Value
}

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v", cond, err)
	}
}

func week(t *testing.T, ctx context.Context) int {
	t.Helper()
	w := attr(t, ctx, "#week", "data-week")
	n, err := strconv.Atoi(w)
	if err != nil {
		t.Fatalf("week %q: %v", w, err)
	}
	return n
}

// artifact is where a test keeps a file for people to look at:
// $CISIM_ARTIFACTS, or web/testdata/artifacts.
func artifact(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := os.Getenv("CISIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("kept %s", path)
}

// direct runs a built-in scenario with the engine directly, as the
// command line does, to week w of replicate 0 of seed.
var direct = native.MustRun

// printed is how the page prints each charted metric; written out here
// rather than taken from package classroom, so a change there shows.
var printed = map[sim.Metric]string{
	sim.OutcomeRate: "%.1f%%", sim.MeanTrust: "%.0f%%", sim.AgendaAlignment: "%.0f%%", sim.PartnersRemaining: "%.0f",
}

// checkNumbers compares the numbers the page shows for one side with the
// engine's. The digits printed must be equal. The full values must agree
// to 1e-12: the engine in WebAssembly computes exp and log in pure Go,
// while on amd64 they are assembly, and results differ in the last bit
// (measured: at most 5e-16 relative over ten scenarios and 520 weeks).
func checkNumbers(t *testing.T, ctx context.Context, side int, e *sim.Engine) {
	t.Helper()
	w := e.Tick()
	for _, m := range classroom.Charted() {
		sel := fmt.Sprintf("#v-%d-%s", side, m)
		text, value := text(t, ctx, sel), attr(t, ctx, sel, "data-value")
		want := e.Value(w-1, m)
		shown := want
		if m != sim.PartnersRemaining {
			shown = 100 * want
		}
		if wantText := fmt.Sprintf(printed[m], shown); text != wantText {
			t.Errorf("side %d week %d %s: page shows %q, engine gives %q (%v)", side, w, m, text, wantText, want)
		}
		got, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("side %d %s: data-value %q: %v", side, m, value, err)
		}
		if d := math.Abs(got - want); d > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("side %d week %d %s: page value %v, engine %v", side, w, m, got, want)
		}
	}
	if phase, want := attr(t, ctx, fmt.Sprintf("#side-%d", side), "data-phase"), e.Phase().String(); phase != want {
		t.Errorf("side %d week %d: page shows phase %q, engine %q", side, w, phase, want)
	}
}

// drawn reads the series the charts hold (uPlot's data, as drawn) by
// metric: x, left, right, then the band edges of each side.
func drawn(t *testing.T, ctx context.Context) map[string][][]*float64 {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[map[string][][]*float64](
		`Object.fromEntries(cisimUI.charts.map((c) => [c.metric, c.u.data]))`))
}

// close reports whether a value the page drew is the engine's: see
// checkNumbers for the tolerance.
func near(got *float64, want float64) bool {
	return got != nil && math.Abs(*got-want) <= 1e-12*math.Max(1, math.Abs(want))
}

// checkSeries compares each chart's line for one side, as drawn, with the
// engine's values at every week so far, and checks it is empty beyond.
func checkSeries(t *testing.T, ctx context.Context, side int, e *sim.Engine) {
	t.Helper()
	w := e.Tick()
	data := drawn(t, ctx)
	for _, m := range classroom.Charted() {
		line := data[m.String()][1+side]
		if len(line) != e.Ticks() {
			t.Errorf("side %d chart %s: %d points, want %d weeks", side, m, len(line), e.Ticks())
			continue
		}
		for k, v := range line {
			if k >= w {
				if v != nil {
					t.Errorf("side %d chart %s: week %d, not yet run, drawn at %v", side, m, k+1, *v)
					break
				}
				continue
			}
			if want := e.Value(k, m); !near(v, want) {
				t.Errorf("side %d chart %s week %d: drawn %v, engine %v", side, m, k+1, deref(v), want)
				break
			}
		}
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func chartPoints(t *testing.T, ctx context.Context) []int {
	t.Helper()
	var pts []int
	for _, m := range classroom.Charted() {
		p := attr(t, ctx, "#chart-"+m.String(), "data-points")
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("chart %s: data-points %q", m, p)
		}
		pts = append(pts, n)
	}
	return pts
}

// TestBrowserRunMatchesEngine loads the page, moves a lever with the mouse
// and one with the keyboard, plays, pauses and steps, and checks that the
// numbers shown are the engine's for the same settings and week and that
// the charts grew.
func TestBrowserRunMatchesEngine(t *testing.T) {
	ctx := page(t, 40*time.Second)
	if w := week(t, ctx); w != 0 {
		t.Fatalf("the page opens at week %d, want 0", w)
	}
	// The left (isolated) side gets a common agenda, by a click on its switch.
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("lever-0-governance-common_agenda")))
	// The right (collective impact) side loses one of its two backbone
	// staff: two steps of 0.5 down, by keyboard.
	do(t, ctx, chromedp.Focus(chromedp.ID("lever-1-governance-backbone_staff")),
		chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
	if staff := text(t, ctx, `output[for="lever-1-governance-backbone_staff"]`); staff != "1 full-time staff" {
		t.Fatalf("after two presses of the left arrow the backbone reads %q, want \"1 full-time staff\"", staff)
	}
	closePanel(t, ctx, "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("step")))
	waitFor(t, ctx, `document.getElementById('week').dataset.week === '1'`)
	if pts := chartPoints(t, ctx); pts[0] != 1 {
		t.Fatalf("after one step the charts hold %v points, want 1", pts)
	}
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 60`)
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `document.getElementById('play').getAttribute('aria-pressed') === 'false'`)
	before := week(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.ID("step")))
	waitFor(t, ctx, fmt.Sprintf(`Number(document.getElementById('week').dataset.week) === %d`, before+1))
	w := before + 1
	for i, n := range chartPoints(t, ctx) {
		if n != w {
			t.Errorf("chart %s holds %d points at week %d", classroom.Charted()[i], n, w)
		}
	}
	left := direct(t, "isolated", []string{"governance.common_agenda=true"}, 1, w)
	right := direct(t, "collective-impact", []string{"governance.backbone_staff=1"}, 1, w)
	checkNumbers(t, ctx, 0, left)
	checkNumbers(t, ctx, 1, right)
	checkSeries(t, ctx, 0, left)
	checkSeries(t, ctx, 1, right)
	if cmd, want := text(t, ctx, "#cmd-1"), "cisim run collective-impact --runs 1 --seed 1 --set governance.backbone_staff=1"; cmd != want {
		t.Errorf("command line shown: %q, want %q", cmd, want)
	}
	checkFeed(t, ctx, [2]*sim.Engine{left, right})
	artifact(t, "classroom-run.png", get(t, ctx, chromedp.FullScreenshot(100)))
}

// TestBrowserKeyboard works the page from the keyboard alone: a switch
// toggled and play started with the space bar, a scenario picked with the
// arrow keys, a seed typed; every control has a label.
func TestBrowserKeyboard(t *testing.T) {
	ctx := page(t, 30*time.Second)
	// A real label: a <label> with text, aria-label, or aria-labelledby
	// naming elements with text. A button may be named by its own text; a
	// select's text is its options, so it needs one of the others.
	unlabelled := get(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input, select, textarea, button'))
		.filter((el) => {
			const has = (s) => !!(s && s.trim());
			if (Array.from(el.labels || []).some((l) => has(l.textContent))) return false;
			if (has(el.getAttribute('aria-label'))) return false;
			const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
			if (by.length && by.every((id) => document.getElementById(id) && has(document.getElementById(id).textContent))) return false;
			return !(el.tagName === 'BUTTON' && has(el.textContent));
		})
		.map((el) => el.id || el.outerHTML)`))
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label: %v", unlabelled)
	}
	// Every lever's control is described by its explanation.
	undescribed := get(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#levers tbody input'))
		.filter((el) => {
			const d = document.getElementById(el.getAttribute('aria-describedby') || '');
			return !d || !d.textContent.trim();
		})
		.map((el) => el.id)`))
	if len(undescribed) > 0 {
		t.Errorf("levers without their explanation as description: %v", undescribed)
	}
	if n := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#levers tbody input[aria-describedby]').length`)); n < 24 {
		t.Errorf("%d lever controls carry a description, want the 12 levers on both sides", n)
	}
	// A switch, toggled with the space bar, in the levers drawer opened
	// with the keyboard.
	do(t, ctx, chromedp.Focus(chromedp.ID("open-levers")), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.getElementById('levers-drawer').open`)
	sw := "lever-0-governance-common_agenda"
	do(t, ctx, chromedp.Focus(chromedp.ID(sw)), chromedp.KeyEvent(" "))
	waitFor(t, ctx, `document.getElementById('`+sw+`').checked && document.getElementById('`+sw+`').closest('td').classList.contains('changed')`)
	if cmd := text(t, ctx, "#cmd-0"); !strings.Contains(cmd, "--set governance.common_agenda=true") {
		t.Errorf("after Space on the left side's common agenda switch the command is %q", cmd)
	}
	// The right side: the next scenario in the list (refined collective impact).
	do(t, ctx, chromedp.Focus(chromedp.ID("scenario-1")), chromedp.KeyEvent(kb.ArrowDown))
	waitFor(t, ctx, `document.querySelector('#side-1 .name').textContent === 'Refined collective impact'`)
	if rung := text(t, ctx, `output[for="lever-1-governance-beneficiary_engagement"]`); rung != "co-design" {
		t.Errorf("refined collective impact's young people's voice reads %q, want \"co-design\"", rung)
	}
	// A new seed, typed.
	do(t, ctx, chromedp.Focus(chromedp.ID("seed")), chromedp.KeyEvent(kb.End),
		chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("7"), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.getElementById('cmd-1').textContent.includes('--seed 7')`)
	// Escape closes the drawer; play with the space bar, pause with it again.
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, `!document.getElementById('levers-drawer').open`)
	do(t, ctx, chromedp.Focus(chromedp.ID("play")), chromedp.KeyEvent(" "))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 10`)
	do(t, ctx, chromedp.KeyEvent(" "))
	waitFor(t, ctx, `document.getElementById('play').getAttribute('aria-pressed') === 'false'`)
	w := week(t, ctx)
	checkNumbers(t, ctx, 0, direct(t, "isolated", []string{"governance.common_agenda=true"}, 7, w))
	checkNumbers(t, ctx, 1, direct(t, "refined-collective-impact", nil, 7, w))
	// A bad seed is refused in one line and changes nothing.
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Focus(chromedp.ID("seed")), chromedp.KeyEvent(kb.End),
		chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("x"), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.getElementById('status').classList.contains('error')`)
	status := text(t, ctx, "#status")
	seed := get(t, ctx, chromedp.Value(chromedp.ID("seed")))
	if !strings.Contains(status, "seed") || seed != "7" {
		t.Errorf("after a bad seed: status %q, seed field %q (want an error line and 7 kept)", status, seed)
	}
}

// TestBrowserMonteCarloAndExports runs a quick Monte Carlo, checks its
// summary against the same Monte Carlo run natively, and exports the run
// as CSV and the charts as PNG.
func TestBrowserMonteCarloAndExports(t *testing.T) {
	ctx := page(t, 60*time.Second)
	const runs = 20
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.SetValue(chromedp.ID("mc-runs"), strconv.Itoa(runs)), chromedp.Click(chromedp.ID("mc-run")))
	waitFor(t, ctx, `document.getElementById('mc-result').dataset.runs === '`+strconv.Itoa(runs)+`'`)
	result := text(t, ctx, "#mc-result")
	s := classroom.New()
	mc, err := s.MonteCarlo(runs)
	if err != nil {
		t.Fatal(err)
	}
	for mc.Step(runs) < runs {
	}
	b := mc.Bands()
	for i, sb := range b.Sides {
		f := sb.FinalText["outcome_rate"]
		want := fmt.Sprintf("(%s) %s, 90%% of runs between %s and %s", classroom.Title(sb.Scenario), f[2], f[0], f[4])
		if !strings.Contains(result, want) {
			t.Errorf("side %d: Monte Carlo summary %q lacks %q", i, result, want)
		}
	}
	if want := fmt.Sprintf("had more young people in a job or studies in %d of %d runs", b.RightAhead, runs); !strings.Contains(result, want) {
		t.Errorf("Monte Carlo summary %q lacks %q", result, want)
	}
	// The bands as drawn: per side 5, 95, 25, 75% and the median, after x
	// and the two lines.
	data := drawn(t, ctx)
	for i, sb := range b.Sides {
		for _, m := range classroom.Charted() {
			for k, q := range []int{0, 4, 1, 3, 2} {
				got, want := data[m.String()][3+5*i+k], sb.Bands[m.String()][q]
				if len(got) != len(want) {
					t.Fatalf("side %d chart %s band %d: %d points drawn, %d computed", i, m, q, len(got), len(want))
				}
				for w := range want {
					if !near(got[w], want[w]) {
						t.Errorf("side %d chart %s band %d week %d: drawn %v, engine %v", i, m, q, w+1, deref(got[w]), want[w])
						break
					}
				}
			}
		}
	}

	// Play on to week 260 with the bands behind: the picture for the README.
	do(t, ctx, chromedp.SetValue(chromedp.ID("speed"), "7"))
	closePanel(t, ctx, "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 260`)
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `document.getElementById('play').getAttribute('aria-pressed') === 'false'`)
	w := week(t, ctx)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement.blur()`))
	artifact(t, "classroom.png", get(t, ctx, chromedp.CaptureScreenshot()))

	// The run as CSV: every metric of both sides at every week, equal to
	// the engine's.
	csv := get(t, ctx, chromedp.Evaluate[string](`cisim.csv()`))
	rows := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
	if rows[0] != "side,scenario,settings,seed,replicate,tick,metric,value" {
		t.Fatalf("CSV header %q", rows[0])
	}
	if want := 1 + 2*w*sim.NumMetrics; len(rows) != want {
		t.Fatalf("CSV has %d lines at week %d, want %d", len(rows), w, want)
	}
	engines := map[string]*sim.Engine{
		"left":  direct(t, "isolated", nil, 1, w),
		"right": direct(t, "collective-impact", nil, 1, w),
	}
	for _, row := range rows[1:] {
		f := strings.Split(row, ",")
		if len(f) != 8 || f[3] != "1" || f[4] != "0" || engines[f[0]] == nil {
			t.Fatalf("CSV row %q", row)
		}
		tick, err1 := strconv.Atoi(f[5])
		m := slices.Index(sim.MetricNames(), f[6])
		got, err2 := strconv.ParseFloat(f[7], 64)
		if err1 != nil || err2 != nil || m < 0 || tick < 0 || tick >= w {
			t.Fatalf("CSV row %q", row)
		}
		want := engines[f[0]].Value(tick, sim.Metric(m))
		if d := math.Abs(got - want); d > 1e-12*math.Max(1, math.Abs(want)) {
			t.Fatalf("CSV row %q: engine gives %v", row, want)
		}
	}

	// The charts as one PNG.
	dataURL := get(t, ctx, chromedp.Evaluate[string](`cisimUI.chartsCanvas().toDataURL('image/png')`))
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(dataURL, "data:image/png;base64,"))
	if err != nil {
		t.Fatalf("charts PNG: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("charts PNG: %v", err)
	}
	if bnd := img.Bounds(); bnd.Dx() < 600 || bnd.Dy() < 400 {
		t.Errorf("charts PNG is %v", bnd)
	}
	artifact(t, "classroom-charts.png", raw)
}

// TestBrowserWorldLeverAndBadCalls moves a lever of the problem on one side
// and checks it moved on both and stays when the other side's scenario
// changes, then calls the model with bad arguments and
// checks each is refused in one line and changes nothing.
func TestBrowserWorldLeverAndBadCalls(t *testing.T) {
	ctx := page(t, 30*time.Second)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Focus(chromedp.ID("lever-0-beneficiaries-count")), chromedp.KeyEvent(kb.ArrowLeft))
	for side := range 2 {
		if got := text(t, ctx, fmt.Sprintf(`output[for="lever-%d-beneficiaries-count"]`, side)); got != "900" {
			t.Errorf("side %d: young people read %q after the left side's slider moved, want 900", side, got)
		}
	}
	// Another design on the right keeps the young people at 900 there: a
	// lever of the problem stays equal on both sides.
	do(t, ctx, chromedp.Focus(chromedp.ID("scenario-1")), chromedp.KeyEvent(kb.ArrowDown))
	waitFor(t, ctx, `document.querySelector('#side-1 .name').textContent === 'Refined collective impact'`)
	for side := range 2 {
		if got := text(t, ctx, fmt.Sprintf(`output[for="lever-%d-beneficiaries-count"]`, side)); got != "900" {
			t.Errorf("side %d: young people read %q after the right side's scenario changed, want 900", side, got)
		}
	}
	closePanel(t, ctx, "levers-drawer")
	for range 5 {
		do(t, ctx, chromedp.Click(chromedp.ID("step")))
	}
	waitFor(t, ctx, `document.getElementById('week').dataset.week === '5'`)
	checkNumbers(t, ctx, 0, direct(t, "isolated", []string{"beneficiaries.count=900"}, 1, 5))
	checkNumbers(t, ctx, 1, direct(t, "refined-collective-impact", []string{"beneficiaries.count=900"}, 1, 5))
	if cmd, want := text(t, ctx, "#cmd-1"), "cisim run refined-collective-impact --runs 1 --seed 1 --set beneficiaries.count=900"; cmd != want {
		t.Errorf("right side's command line: %q, want %q", cmd, want)
	}

	for call, want := range map[string]string{
		`cisim.step("3")`:  "want a number",
		`cisim.step(0)`:    "want 1 to 52",
		`cisim.step(1.5)`:  "whole number",
		`cisim.step(1000)`: "want 1 to 52",
		`cisim.seed("-1")`: "want a whole number",
		`cisim.seed(7)`:    "want a string",
		`cisim.configure(2, '{"scenario":"isolated"}')`:                                      "side 2",
		`cisim.configure(0, '{bad')`:                                                         "configure",
		`cisim.configure(0, '{"scenario":"/etc/passwd"}')`:                                   "unknown scenario",
		`cisim.configure(0, '{"scenario":"isolated","levers":{"params.trust_gain":1}}')`:     "unknown lever",
		`cisim.configure(0, '{"scenario":"isolated","levers":{"beneficiaries.count":1e7}}')`: "outside",
		`cisim.configure(0, "x".repeat(70000))`:                                              "70000 characters is too long", // refused before copying
		`cisim.configure(0, "€".repeat(30000))`:                                              "90000 bytes is too long",
		`cisim.mcStart(100000)`:                                                              "want 1 to 200",
		`cisim.mcStep(1)`:                                                                    "no Monte Carlo",
		`cisim.intervene(0, '{"scenario":"isolated","levers":{"beneficiaries.count":500}}')`: "cannot change the beneficiaries",
		`cisim.intervene(3, '{"scenario":"isolated"}')`:                                      "side 3",
		`cisim.lessonBegin("no-such-lesson", 0)`:                                             "no lesson",
		`cisim.lessonBegin("1-backbone", 99)`:                                                "has steps 0 to",
		`cisim.lessonChange("1-backbone", 0)`:                                                "changes nothing",
		`cisim.lessonOpen("x.yaml", "title: x")`:                                             "x.yaml",
	} {
		got := get(t, ctx, chromedp.Evaluate[string](call))
		if !strings.HasPrefix(got, `{"error":`) || !strings.Contains(got, want) || strings.Contains(got, `\n`) {
			t.Errorf("%s answered %s, want one error line with %q", call, got, want)
		}
	}
	if got := get(t, ctx, chromedp.Evaluate[string](`JSON.parse(cisim.snapshot()).week + ' ' + JSON.parse(cisim.snapshot()).sides[0].scenario`)); got != "5 isolated" {
		t.Errorf("after the refused calls the model is at %q, want week 5 of isolated", got)
	}
}

// TestBrowserSeedTypedWhilePlaying types a seed digit by digit while the
// run plays (every frame redraws the page) and checks the seed applied is
// the one typed.
func TestBrowserSeedTypedWhilePlaying(t *testing.T) {
	ctx := page(t, 30*time.Second)
	// 16 weeks a second: a new week is drawn every few frames.
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 2`)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Focus(chromedp.ID("seed")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace),
		chromedp.KeyEvent("4"), chromedp.Sleep(400*time.Millisecond), chromedp.KeyEvent("2"),
		chromedp.Sleep(400*time.Millisecond), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.getElementById('cmd-0').textContent.includes('--seed ')`)
	if cmd := text(t, ctx, "#cmd-0"); !strings.Contains(cmd, "--seed 42 ") && !strings.HasSuffix(cmd, "--seed 42") {
		t.Errorf("typed 4, waited, typed 2 while playing: the run's command is %q, want seed 42", cmd)
	}
	if v := get(t, ctx, chromedp.Value(chromedp.ID("seed"))); v != "42" {
		t.Errorf("the seed field reads %q after typing 42", v)
	}
	if pressed := attr(t, ctx, "#play", "aria-pressed"); pressed != "true" {
		t.Errorf("play stopped when the seed changed (aria-pressed %q)", pressed)
	}
}

// TestBrowserReportsProblems checks that the page's problems reach the
// tests: a style the content security policy refuses, an uncaught
// exception and a console.error, each caused here on purpose.
func TestBrowserReportsProblems(t *testing.T) {
	ctx := page(t, 20*time.Second)
	for _, p := range []string{"Content Security Policy", "Uncaught", "boom-console"} {
		allowProblem(ctx, p)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s);
		setTimeout(() => { throw new Error('boom-thrown'); }, 0);
		console.error('boom-console');
	})()`))
	want := []string{"Content Security Policy", "boom-thrown", "boom-console"}
	deadline := time.Now().Add(5 * time.Second)
	for {
		seen := strings.Join(problemsSeen(ctx), "\n")
		missing := slices.DeleteFunc(slices.Clone(want), func(w string) bool { return strings.Contains(seen, w) })
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tests did not hear of %q; they heard %q", missing, seen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrowserModelFailureStopsPlay makes the model's calls throw as they do
// once the Go program has exited, while playing and while a Monte Carlo
// runs, and checks each time that play stops, the buttons work again, the
// status line says why, and nothing is left uncaught.
func TestBrowserModelFailureStopsPlay(t *testing.T) {
	ctx := page(t, 30*time.Second)
	const gone = `Go program has already exited`
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 3`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.keptStep = cisim.step; cisim.step = () => { throw new Error('`+gone+`'); }`))
	waitFor(t, ctx, `document.getElementById('status').classList.contains('error')`)
	if s, pressed, label := text(t, ctx, "#status"), attr(t, ctx, "#play", "aria-pressed"), text(t, ctx, "#play"); !strings.Contains(s, gone) || pressed != "false" || !strings.Contains(label, "Play") {
		t.Errorf("after a failing step while playing: status %q, play pressed %q, labelled %q", s, pressed, label)
	}
	// The step button reports the same failure rather than throwing.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('status').textContent = ''`), chromedp.Click(chromedp.ID("step")))
	waitFor(t, ctx, `document.getElementById('status').textContent.includes('`+gone+`')`)

	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`cisim.step = window.keptStep; cisim.mcStep = () => { throw new Error('`+gone+`'); }`),
		chromedp.Click(chromedp.ID("mc-run")))
	waitFor(t, ctx, `document.getElementById('status').textContent.includes('`+gone+`') && document.getElementById('mc-progress').hidden`)
	if label := text(t, ctx, "#mc-run"); label != "Run a quick Monte Carlo" {
		t.Errorf("after a failing Monte Carlo its button reads %q", label)
	}
	// With the model back, play works again.
	closePanel(t, ctx, "levers-drawer")
	before := week(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.ID("step")))
	waitFor(t, ctx, fmt.Sprintf(`Number(document.getElementById('week').dataset.week) === %d`, before+1))
}

// openPanel opens a panel with its button and waits until it is open;
// closePanel closes it with Escape.
func openPanel(t *testing.T, ctx context.Context, button, dialog string) {
	t.Helper()
	do(t, ctx, chromedp.Click(chromedp.ID(button)))
	waitFor(t, ctx, `document.getElementById('`+dialog+`').open`)
}

func closePanel(t *testing.T, ctx context.Context, dialog string) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('`+dialog+`').close()`))
	waitFor(t, ctx, `!document.getElementById('`+dialog+`').open`)
}

// checkFeed checks that the feed lists, newest first, the engines' events
// as the model narrates them, leaving out those it only counts (and a
// funding round renewing the money as before) and a rule's change, which
// its trigger tells.
func checkFeed(t *testing.T, ctx context.Context, engines [2]*sim.Engine) {
	t.Helper()
	quiet := map[string]bool{"conflict": true, "conflict_resolved": true, "innovation_adopted": true, "innovation_abandoned": true, "staff_turnover": true}
	type item struct {
		side int
		ev   classroom.EventInfo
	}
	var want []item
	for side, e := range engines {
		money := "" // a funding round that renews the money as before is counted, not listed
		log := e.Events()
		for k := range log {
			info := classroom.InfoAt(log, k, e.Actors())
			if info.Kind == "funding_round" {
				_, m, _ := strings.Cut(info.Text, ": the funders put in ")
				same := money == m
				if money = m; same {
					continue
				}
			}
			if !quiet[info.Kind] && !info.Told {
				want = append(want, item{side, info})
			}
		}
	}
	slices.SortStableFunc(want, func(a, b item) int {
		if a.ev.Week != b.ev.Week {
			return b.ev.Week - a.ev.Week
		}
		return a.side - b.side
	})
	got := get(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#events li[data-kind]')).map((li) => li.textContent)`))
	if len(want) > 12 {
		want = want[:12]
	}
	if len(got) != len(want) {
		t.Fatalf("the feed lists %d events, want %d: %q", len(got), len(want), got)
	}
	for k, w := range want {
		if !strings.HasSuffix(got[k], [2]string{"Left ", "Right "}[w.side]+w.ev.Text) {
			t.Errorf("feed item %d: %q, want the engine's %q on the %d side", k, got[k], w.ev.Text, w.side)
		}
	}
}
