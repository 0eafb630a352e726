package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/internal/native"
	"github.com/cisim/cisim/web/lessons"
)

// jumpTo picks a year in the bar's "Go to…" menu.
func jumpTo(t *testing.T, ctx context.Context, year int) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.getElementById('jump');
		s.value = '%d'; s.dispatchEvent(new Event('change')); })()`, year)))
	waitFor(t, ctx, fmt.Sprintf(`document.getElementById('week').dataset.week === '%d'`, 52*year))
}

// stepTimes presses Step n times.
func stepTimes(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	w := week(t, ctx)
	for range n {
		do(t, ctx, chromedp.Click(chromedp.ID("step")))
	}
	waitFor(t, ctx, fmt.Sprintf(`Number(document.getElementById('week').dataset.week) === %d`, w+n))
}

// TestBrowserInterventionMatchesEngine moves levers during a run, by
// keyboard and by mouse, on each side at another week, and checks that
// every number and every week drawn is the engine's run with
// sim.Engine.Intervene at the same ticks; that the change is marked on the
// charts and told in the feed; that jumping back to an earlier year
// replays the run up to it; and that Reset starts again from week 0 under
// the designs as they are now.
func TestBrowserInterventionMatchesEngine(t *testing.T) {
	ctx := page(t, 60*time.Second)
	jumpTo(t, ctx, 1)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	// Week 52: the right side drops shared measurement (Space on its switch).
	do(t, ctx, chromedp.Focus(chromedp.ID("lever-1-governance-shared_measurement")), chromedp.KeyEvent(" "))
	waitFor(t, ctx, `cisimUI.state.snap.sides[1].changes.length === 1`)
	closePanel(t, ctx, "levers-drawer")
	stepTimes(t, ctx, 48) // week 100
	// Week 100: the left side (isolated impact) adopts a common agenda (a click).
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("lever-0-governance-common_agenda")))
	waitFor(t, ctx, `cisimUI.state.snap.sides[0].changes.length === 1`)
	closePanel(t, ctx, "levers-drawer")
	jumpTo(t, ctx, 5)

	right := changedAt(t, "collective-impact", 52, []string{"governance.shared_measurement=false"}, 260)
	left := changedAt(t, "isolated", 100, []string{"governance.common_agenda=true"}, 260)
	checkNumbers(t, ctx, 0, left)
	checkNumbers(t, ctx, 1, right)
	checkSeries(t, ctx, 0, left)
	checkSeries(t, ctx, 1, right)
	checkFeed(t, ctx, [2]*sim.Engine{left, right})
	marks := get(t, ctx, chromedp.Evaluate[[]int](`[0, 1].map((s) => cisimUI.markers(s).filter((m) => m.group === 'intervention').map((m) => m.week)[0])`))
	if marks[0] != 101 || marks[1] != 53 {
		t.Errorf("the charts mark the changes at weeks %v, want 101 (left) and 53 (right)", marks)
	}
	if cmd := text(t, ctx, "#cmd-1"); !strings.Contains(cmd, "# then from week 53: governance.shared_measurement=false") {
		t.Errorf("the right side's command line %q does not say the design changed", cmd)
	}
	artifact(t, "intervention.png", get(t, ctx, chromedp.CaptureScreenshot()))

	// Back to year 2: the run is replayed, the left side's change (week
	// 100) kept, as it came before.
	jumpTo(t, ctx, 2)
	checkNumbers(t, ctx, 0, changedAt(t, "isolated", 100, []string{"governance.common_agenda=true"}, 104))
	checkNumbers(t, ctx, 1, changedAt(t, "collective-impact", 52, []string{"governance.shared_measurement=false"}, 104))

	// Reset: week 0, the designs as they are now, run from the start.
	do(t, ctx, chromedp.Click(chromedp.ID("reset")))
	waitFor(t, ctx, `document.getElementById('week').dataset.week === '0' && cisimUI.state.snap.sides[1].changes.length === 0`)
	stepTimes(t, ctx, 10)
	checkNumbers(t, ctx, 0, native.MustRun(t, "isolated", []string{"governance.common_agenda=true"}, 1, 10))
	checkNumbers(t, ctx, 1, native.MustRun(t, "collective-impact", []string{"governance.shared_measurement=false"}, 1, 10))
}

// changedAt runs a built-in scenario natively, replicate 0 of seed 1, to
// tick at, changes its design there with sim.Engine.Intervene, and runs on
// to tick to.
func changedAt(t *testing.T, name string, at int, sets []string, to int) *sim.Engine {
	t.Helper()
	e := native.MustRun(t, name, nil, 1, at)
	native.MustIntervene(t, e, name, sets)
	native.StepTo(e, to)
	return e
}

// pageState is what a link must bring back: each side's designs, changes,
// week and every number shown, the seed, the lesson and the view.
const pageState = `JSON.stringify({
	seed: cisimUI.state.snap.seed, week: cisimUI.state.snap.week, view: cisimUI.state.view, diff: cisimUI.state.diffMetric,
	sides: cisimUI.state.snap.sides.map((s) => ({ config: s.config, begin: s.begin, changes: s.changes, sets: s.sets, now: s.now,
		shown: s.shown, phase: s.phase, logged: s.logged, command: s.command })),
	lesson: cisimUI.state.lesson && { id: cisimUI.state.lesson.l.id, step: cisimUI.state.lesson.step,
		stage: cisimUI.state.lesson.stage, choice: cisimUI.state.lesson.choice },
	explain: (document.getElementById('lesson-explain') || {}).textContent || '',
	seedField: document.getElementById('seed').value, student: document.getElementById('student-view').checked })`

// TestBrowserURLRestoresState sets up a state on the page (a class
// exercise, a world number, a design changed during the run, a week, the
// difference chart's measure, the student view), opens the page anew at
// the link it wrote in the fragment and checks that every part of the
// state and every number is back; then the same for a lesson's explained step.
func TestBrowserURLRestoresState(t *testing.T) {
	ctx := page(t, 60*time.Second)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("preset-no-backbone")),
		chromedp.Focus(chromedp.ID("seed")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("7"), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `cisimUI.state.snap.seed === '7'`)
	closePanel(t, ctx, "levers-drawer")
	jumpTo(t, ctx, 1)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.SetValue(chromedp.ID("lever-1-governance-backbone_staff"), "2"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('lever-1-governance-backbone_staff').dispatchEvent(new Event('change'))`),
		chromedp.Click(chromedp.ID("student-view")))
	waitFor(t, ctx, `cisimUI.state.snap.sides[1].changes.length === 1`)
	closePanel(t, ctx, "levers-drawer")
	stepTimes(t, ctx, 3)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('diff-metric');
		s.value = 'mean_trust'; s.dispatchEvent(new Event('change')); })()`))
	restores(t, ctx, "week=55")

	do(t, ctx, chromedp.Evaluate[chromedp.Void](`cisimUI.startLesson('3-power', 2)`),
		chromedp.Click(chromedp.ID("choice-1")), chromedp.Click(chromedp.ID("lesson-run")), chromedp.Click(chromedp.ID("lesson-skip")))
	waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === 'explained'`)
	restores(t, ctx, "stage=explained")
}

// TestBrowserURLRestoresALessonMidRun pauses a lesson's step in the middle
// of its run, after the step's design change, and checks that its link
// brings back the week, the change, the prediction and the stage; that
// Play then goes on with the step to the explanation the engine gives
// natively; and that a lever moved during the step is in the link too.
func TestBrowserURLRestoresALessonMidRun(t *testing.T) {
	ctx := page(t, 90*time.Second)
	l, _ := lessons.Find(lessons.All(), "1-backbone")
	const step = 2 // Take the backbone away: the left side's backbone goes in year 4, the run ends in year 10
	do(t, ctx, chromedp.SetValue(chromedp.ID("speed"), "6"), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`cisimUI.startLesson('%s', %d)`, l.ID, step)),
		chromedp.Click(chromedp.ID("choice-1")), chromedp.Click(chromedp.ID("lesson-run")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) > 240`)
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `document.getElementById('play').getAttribute('aria-pressed') === 'false'`)
	w := week(t, ctx)
	if w >= l.Steps[step].ToWeek {
		t.Fatalf("paused at week %d, past the step's end", w)
	}
	restores(t, ctx, "stage=running")
	if got := week(t, ctx); got != w {
		t.Errorf("the link opened at week %d, the run was paused at %d", got, w)
	}
	// Play goes on with the step, to the explanation of the native run.
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === 'explained'`)
	want, _ := playNatively(t, l, step)
	if got := text(t, ctx, "#lesson-explain"); got != want.Text {
		t.Errorf("after the link and Play the page explains\n%q\nthe engine natively\n%q", got, want.Text)
	}
	// Again, with a lever moved during the step (the right side's meetings).
	do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`cisimUI.startLesson('%s', %d)`, l.ID, step)),
		chromedp.Click(chromedp.ID("choice-0")), chromedp.Click(chromedp.ID("lesson-run")))
	waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) > 100`)
	do(t, ctx, chromedp.Click(chromedp.ID("play")))
	waitFor(t, ctx, `document.getElementById('play').getAttribute('aria-pressed') === 'false'`)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.SetValue(chromedp.ID("lever-1-governance-meeting_interval_weeks"), "8"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('lever-1-governance-meeting_interval_weeks').dispatchEvent(new Event('change'))`))
	waitFor(t, ctx, `cisimUI.state.snap.sides[1].changes.length === 1`)
	closePanel(t, ctx, "levers-drawer")
	restores(t, ctx, "change=1")
	artifact(t, "lesson-link-mid-run.png", get(t, ctx, chromedp.CaptureScreenshot()))
}

// restores waits until the fragment holds want, reads the state, opens the
// page anew at the fragment and checks the state is the same.
func restores(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	// The fragment follows the state a moment after it changes.
	waitFor(t, ctx, `location.hash.includes('`+want+`') && new URLSearchParams(location.hash.slice(1)).get('week') === String(cisimUI.state.snap.week)`)
	hash := get(t, ctx, chromedp.Evaluate[string](`location.hash`))
	before := get(t, ctx, chromedp.Evaluate[string](pageState))
	open(t, ctx, hash, 30*time.Second)
	if strings.Contains(hash, "lesson=") {
		stage := "predict"
		for _, s := range []string{"running", "explained"} {
			if strings.Contains(hash, "stage="+s) {
				stage = s
			}
		}
		waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === '`+stage+`'`)
	}
	after := get(t, ctx, chromedp.Evaluate[string](pageState))
	if before != after {
		var a, b map[string]any
		json.Unmarshal([]byte(before), &a)
		json.Unmarshal([]byte(after), &b)
		for k := range a {
			if x, y := fmt.Sprint(a[k]), fmt.Sprint(b[k]); x != y {
				t.Errorf("the link %s does not restore %s:\nbefore %s\nafter  %s", hash, k, x, y)
			}
		}
	}
	t.Logf("the link %s restores the state (%d bytes of it)", hash, len(before))
}

// TestBrowserPartnerDetails points at a partner with the mouse and moves
// between partners with the keyboard, and checks that the details shown
// are the engine's: its budget, its say in the agenda and its trust.
func TestBrowserPartnerDetails(t *testing.T) {
	ctx := page(t, 30*time.Second)
	jumpTo(t, ctx, 2)
	e := native.MustRun(t, "collective-impact", nil, 1, 104)
	nodes := get(t, ctx, chromedp.Evaluate[[]map[string]float64](`cisimUI.nodes(1).map((n) => {
		const b = document.getElementById('network-1').getBoundingClientRect();
		return { i: n.i, x: b.left + n.x, y: b.top + n.y };
	})`))
	n := nodes[2]
	do(t, ctx, chromedp.MouseClickXY(n["x"], n["y"]))
	waitFor(t, ctx, `!document.getElementById('details').hidden`)
	a := e.Actors()[int(n["i"])]
	details := text(t, ctx, "#details")
	for _, want := range []string{a.Name + " (right)", fmt.Sprintf("SEK %.1f million a year", a.Budget/1e6)} {
		if !strings.Contains(details, want) {
			t.Errorf("details of the partner clicked: %q lacks %q", details, want)
		}
	}
	// The keyboard: the network takes the focus, the arrow moves to the first partner.
	do(t, ctx, chromedp.Focus(chromedp.ID("network-1")), chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, ctx, `document.getElementById('details').dataset.actor === '0'`)
	first := e.Actors()[0]
	trust := 0.0
	members := 0
	for j, b := range e.Actors() {
		if j != 0 && b.Member {
			trust += e.TrustMatrix().At(0, j)
			members++
		}
	}
	want := fmt.Sprintf("Its trust in the others%d%%", int(math.Round(100*trust/float64(members))))
	if got := text(t, ctx, "#details"); !strings.Contains(got, first.Name) || !strings.Contains(got, want) {
		t.Errorf("details by keyboard: %q, want %s and %q", got, first.Name, want)
	}
}

// TestBrowserExercisesStudentViewAndInfo picks a class exercise and checks
// both sides run as the engine does with its levers; checks that the
// student view shows four levers; and that the Info panel defines the
// phases with the trust this world's plan needs; and full screen.
func TestBrowserExercisesStudentViewAndInfo(t *testing.T) {
	ctx := page(t, 40*time.Second)
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("preset-money-decides")))
	waitFor(t, ctx, `cisimUI.state.snap.sides[1].config.levers['governance.power_sharing'] === 0`)
	closePanel(t, ctx, "levers-drawer")
	stepTimes(t, ctx, 30)
	checkNumbers(t, ctx, 0, native.MustRun(t, "collective-impact", nil, 1, 30))
	checkNumbers(t, ctx, 1, native.MustRun(t, "collective-impact", []string{"governance.power_sharing=0"}, 1, 30))
	if changed := text(t, ctx, "#side-1 .changed"); !strings.Contains(changed, "changed") {
		t.Errorf("the right side's heading does not say its design was changed: %q", changed)
	}
	openPanel(t, ctx, "open-levers", "levers-drawer")
	do(t, ctx, chromedp.Click(chromedp.ID("student-view")))
	shown := get(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#levers tbody tr')).filter((tr) => tr.getClientRects().length).map((tr) => tr.dataset.key)`))
	if len(shown) != 4 || shown[0] != "governance.common_agenda" {
		t.Errorf("the student view shows the levers %v, want four", shown)
	}
	if n := get(t, ctx, chromedp.Evaluate[int](`document.getElementById('mc-run').getClientRects().length`)); n != 0 {
		t.Errorf("the student view shows the Monte Carlo")
	}
	closePanel(t, ctx, "levers-drawer")
	openPanel(t, ctx, "open-info", "info")
	info := text(t, ctx, "#info-body")
	e := native.MustRun(t, "collective-impact", nil, 1, 1)
	want := fmt.Sprintf("a plan needs a mean trust of %d%%", int(math.Round(100*e.Scenario().Params.Decisions.AgreeTrust)))
	// The names the networks shortened, with the whole names.
	for _, w := range []string{"What is it?", "How it works", "Things to notice", "Things to try", "exponential", want,
		"Names shortened on the networks to fit the screen: ", "SC Save the Children"} {
		if !strings.Contains(info, w) {
			t.Errorf("the Info panel lacks %q", w)
		}
	}
	artifact(t, "info.png", get(t, ctx, chromedp.CaptureScreenshot()))
	closePanel(t, ctx, "info")
	// Full screen, and back, with the bar's button (a click: browsers allow
	// full screen only on a person's gesture).
	do(t, ctx, chromedp.Click(chromedp.ID("fullscreen")))
	waitFor(t, ctx, `!!document.fullscreenElement && document.getElementById('fullscreen').getAttribute('aria-pressed') === 'true'`)
	do(t, ctx, chromedp.Click(chromedp.ID("fullscreen")))
	waitFor(t, ctx, `!document.fullscreenElement && document.getElementById('fullscreen').getAttribute('aria-pressed') === 'false'`)
	ms := attr(t, ctx, "body", "data-ready-ms")
	t.Logf("the page was ready %s ms after navigation (loopback, wasm from the test server)", ms)
}
