package web

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// box is an element's place on screen, in CSS pixels.
type box struct {
	Sel                      string
	Left, Top, Right, Bottom float64
}

// boxes reads the boxes of every element that matches each selector.
func boxes(t *testing.T, ctx context.Context, sels ...string) []box {
	t.Helper()
	quoted := make([]string, len(sels))
	for i, s := range sels {
		quoted[i] = strconv.Quote(s)
	}
	return get(t, ctx, chromedp.Evaluate[[]box](`([`+strings.Join(quoted, ",")+`]).flatMap((s) =>
		Array.from(document.querySelectorAll(s)).map((el, k) => {
			const r = el.getBoundingClientRect();
			return { Sel: s + (k ? ' #' + k : ''), Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom };
		}))`))
}

// mainView are the elements that must be on screen without scrolling: the
// bar, both sides' headline numbers and networks, the four charts and the
// difference chart with their readouts.
var mainView = []string{"#bar", "#play", "#week", "#open-levers", "#fullscreen",
	"#side-0 .side-title", "#side-1 .side-title", "#side-0 .phase", "#side-1 .phase", "#network-0", "#network-1",
	"#chart-outcome_rate", "#chart-mean_trust", "#chart-agenda_alignment", "#chart-partners_remaining", "#chart-diff",
	".chart .plot canvas", "output[id^='v-0-']", "output[id^='v-1-']", "output[id^='d-']", "#story"}

// smallText lists the text on the main view (not the panels, which open
// over it) whose size is below px device pixels, and text that is cut.
const smallText = `((px) => {
	const out = [];
	const dpr = window.devicePixelRatio || 1;
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el || el.closest('dialog, template, #worksheet, noscript, option, select')) continue;
		if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
		const size = parseFloat(getComputedStyle(el).fontSize) * dpr;
		if (size < px - 0.01) out.push(size.toFixed(1) + 'px: ' + n.textContent.trim().slice(0, 40));
	}
	for (const el of document.querySelectorAll('.side-title, .phase, .chart figcaption')) {
		if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.push('cut: ' + el.textContent.trim());
	}
	for (const s of document.querySelectorAll('select')) {
		if (s.closest('dialog')) continue;
		const size = parseFloat(getComputedStyle(s).fontSize) * dpr;
		if (size < px - 0.01) out.push(size.toFixed(1) + 'px: the select ' + s.id);
	}
	return out;
})(24)`

// canvasText redraws the networks and the charts with the canvases'
// fillText and strokeText watched, and returns every text drawn on a
// canvas of the main view: where (the canvas, or the chart it belongs to),
// what, and its size in device pixels (the font's size times the
// canvas's scale: the networks draw in CSS pixels scaled by the device
// pixel ratio, uPlot in device pixels).
const canvasText = `(async () => {
	const seen = [];
	const P = CanvasRenderingContext2D.prototype;
	const kept = [P.fillText, P.strokeText];
	const watch = (orig) => function (text, ...rest) {
		const c = this.canvas, m = /([0-9.]+)px/.exec(this.font), t = this.getTransform();
		if (c.isConnected && !c.closest('dialog, #worksheet')) {
			seen.push({ Where: c.id || (c.closest('figure') || {}).id || '?', Text: String(text), Px: m ? parseFloat(m[1]) * Math.hypot(t.a, t.b) : 0 });
		}
		return orig.call(this, text, ...rest);
	};
	P.fillText = watch(kept[0]);
	P.strokeText = watch(kept[1]);
	try {
		cisimUI.redraw();
		for (const c of cisimUI.charts) c.u.redraw();
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	} finally {
		P.fillText = kept[0];
		P.strokeText = kept[1];
	}
	return seen;
})()`

// drawnText is one text drawn on a canvas.
type drawnText struct {
	Where, Text string
	Px          float64
}

// label is a partner's name as a network wrote it (sides.js labels).
type label struct {
	I          int
	L, T, R, B float64
	Text       string
	Full       bool
}

// checkCanvases checks the text drawn on the main view's canvases: none
// below 24 device pixels (the networks' names, the charts' ticks, the
// threshold's label); and in each network, every partner named once,
// inside the drawing, clear of the other names and of the nodes, a
// shortened name told apart from the others'. It returns the smallest
// sizes and the shortened names for the log.
func checkCanvases(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	texts := get(t, ctx, chromedp.Evaluate[[]drawnText](canvasText, chromedp.EvalAwaitPromise))
	smallest := map[string]float64{}
	for _, d := range texts {
		kind := "chart text"
		if strings.HasPrefix(d.Where, "network-") {
			kind = "network names"
		}
		if v, ok := smallest[kind]; !ok || d.Px < v {
			smallest[kind] = d.Px
		}
		if d.Px < 24-0.01 {
			t.Errorf("%s: %q drawn at %.1f px on %s, below 24 px", name, d.Text, d.Px, d.Where)
		}
	}
	if smallest["network names"] == 0 || smallest["chart text"] == 0 {
		t.Fatalf("%s: no text seen on the networks or the charts: %v", name, texts)
	}
	var short []string
	for side := range 2 {
		actors := get(t, ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`cisimUI.state.snap.sides[%d].actors.map((a) => a.name)`, side)))
		labels := get(t, ctx, chromedp.Evaluate[[]label](fmt.Sprintf(`cisimUI.labels(%d)`, side)))
		nodes := get(t, ctx, chromedp.Evaluate[[]map[string]float64](fmt.Sprintf(`cisimUI.nodes(%d)`, side)))
		size := get(t, ctx, chromedp.Evaluate[[2]float64](fmt.Sprintf(`[document.getElementById('network-%d').clientWidth, document.getElementById('network-%d').clientHeight]`, side, side)))
		if len(labels) != len(actors) {
			t.Errorf("%s side %d: %d names written for %d partners", name, side, len(labels), len(actors))
		}
		seen := map[string]int{}
		for k, l := range labels {
			if l.L < -0.5 || l.T < -0.5 || l.R > size[0]+0.5 || l.B > size[1]+0.5 {
				t.Errorf("%s side %d: %q at (%.0f, %.0f)–(%.0f, %.0f) is cut by the %gx%g drawing", name, side, l.Text, l.L, l.T, l.R, l.B, size[0], size[1])
			}
			for _, o := range labels[k+1:] {
				if l.L < o.R && l.R > o.L && l.T < o.B && l.B > o.T {
					t.Errorf("%s side %d: the names %q and %q overlap", name, side, l.Text, o.Text)
				}
			}
			for _, n := range nodes {
				if x, y, r := n["x"], n["y"], n["r"]; x+r > l.L && x-r < l.R && y+r > l.T && y-r < l.B {
					t.Errorf("%s side %d: the name %q covers partner %v's node", name, side, l.Text, n["i"])
				}
			}
			if other, dup := seen[l.Text]; dup && actors[other] != actors[l.I] {
				t.Errorf("%s side %d: %q names both %s and %s", name, side, l.Text, actors[other], actors[l.I])
			}
			seen[l.Text] = l.I
			if !l.Full && side == 1 {
				short = append(short, actors[l.I]+" → "+l.Text)
			}
		}
	}
	return fmt.Sprintf("canvas text from %.0f px (network names) and %.0f px (charts); names shortened on the right: %s",
		smallest["network names"], smallest["chart text"], strings.Join(short, ", "))
}

// checkOneScreen checks that the main view fits the window: no scrolling,
// every box inside it, the bar above the rest, and no text below 24 device
// pixels, in the page's elements and on its canvases. It returns the
// layout's numbers for the log.
func checkOneScreen(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	win := get(t, ctx, chromedp.Evaluate[[4]float64](`[innerWidth, innerHeight, document.documentElement.scrollWidth, document.documentElement.scrollHeight]`))
	if win[2] > win[0]+0.5 || win[3] > win[1]+0.5 {
		t.Errorf("%s: the page is %gx%g in a %gx%g window: it scrolls", name, win[2], win[3], win[0], win[1])
	}
	bar := boxes(t, ctx, "#bar")[0]
	for _, b := range boxes(t, ctx, mainView...) {
		if b.Right-b.Left < 1 || b.Bottom-b.Top < 1 {
			t.Errorf("%s: %s has no size", name, b.Sel)
		}
		if b.Left < -0.5 || b.Top < -0.5 || b.Right > win[0]+0.5 || b.Bottom > win[1]+0.5 {
			t.Errorf("%s: %s at (%.0f, %.0f)–(%.0f, %.0f) is not within the %gx%g window", name, b.Sel, b.Left, b.Top, b.Right, b.Bottom, win[0], win[1])
		}
		if inBar := slices.Contains([]string{"#bar", "#play", "#week", "#open-levers", "#fullscreen"}, b.Sel); !inBar && b.Top < bar.Bottom-0.5 {
			t.Errorf("%s: %s starts at y = %.0f, under the bar (which ends at %.0f)", name, b.Sel, b.Top, bar.Bottom)
		}
	}
	if small := get(t, ctx, chromedp.Evaluate[[]string](smallText)); len(small) > 0 {
		t.Errorf("%s: text below 24 px or cut on the main view: %q", name, small)
	}
	canvases := checkCanvases(t, ctx, name)
	m := get(t, ctx, chromedp.Evaluate[map[string]float64](`(() => {
		const rem = parseFloat(getComputedStyle(document.documentElement).fontSize), dpr = window.devicePixelRatio || 1;
		return { rem: rem * dpr, bar: document.getElementById('bar').getBoundingClientRect().height * dpr,
			chartTop: document.getElementById('chart-outcome_rate').getBoundingClientRect().top * dpr,
			chartsBottom: document.getElementById('chart-diff').getBoundingClientRect().bottom * dpr };
	})()`))
	return fmt.Sprintf("%s: text %.0f px, bar %.0f px high, charts from y = %.0f to %.0f (device pixels); %s",
		name, m["rem"], m["bar"], m["chartTop"], m["chartsBottom"], canvases)
}

// TestBrowserLayoutFitsOneScreen opens the page at 1280 × 720, 1920 × 1080
// and 1280 × 720 zoomed to 150%, plays into year two and checks, on the
// free page and in a lesson, that the bar, both sides' headline numbers and
// networks, the four charts and the difference chart fit the window with no
// scrolling and no text below 24 px; it keeps a screenshot of each.
func TestBrowserLayoutFitsOneScreen(t *testing.T) {
	for _, v := range []struct {
		name string
		view
	}{{"1280x720", projector}, {"1920x1080", fullHD}, {"1280x720-zoom150", zoomed}} {
		t.Run(v.name, func(t *testing.T) {
			ctx := pageIn(t, 40*time.Second, v.view)
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('jump'); s.value = '2'; s.dispatchEvent(new Event('change')); })()`))
			waitFor(t, ctx, `document.getElementById('week').dataset.week === '104'`)
			t.Log(checkOneScreen(t, ctx, v.name))
			artifact(t, "layout-"+v.name+".png", get(t, ctx, chromedp.CaptureScreenshot()))
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`cisimUI.startLesson('1-backbone')`))
			waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === 'predict'`)
			t.Log(checkOneScreen(t, ctx, v.name+" lesson"))
			for _, sel := range []string{"#lesson-title", "#choice-0", "#lesson-run"} {
				if b := boxes(t, ctx, sel)[0]; b.Bottom > float64(v.h)/math.Max(v.zoom, 1)+0.5 {
					t.Errorf("%s lesson: %s ends at y = %.0f, below the window", v.name, sel, b.Bottom)
				}
			}
			artifact(t, "layout-"+v.name+"-lesson.png", get(t, ctx, chromedp.CaptureScreenshot()))
		})
	}
}

// TestBrowserEveryDesignFits puts every design the page offers on the
// right side at 1280 × 720, in year one, and checks the main view as
// TestBrowserLayoutFitsOneScreen does — no text below 24 px or cut, every
// partner's name on the network clear of the others — at the free page's
// width and at the narrower one beside a lesson.
func TestBrowserEveryDesignFits(t *testing.T) {
	ctx := pageIn(t, 120*time.Second, projector)
	names := get(t, ctx, chromedp.Evaluate[[]string](`cisimUI.state.cat.scenarios.map((s) => s.name)`))
	for _, name := range names {
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('scenario-1'); s.value = '`+name+`'; s.dispatchEvent(new Event('change')); })()`))
		waitFor(t, ctx, `cisimUI.state.snap.sides[1].scenario === '`+name+`'`)
		jumpTo(t, ctx, 1)
		for _, narrow := range []bool{false, true} {
			do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(async () => { document.body.classList.toggle('in-lesson', %v);
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); })()`, narrow), chromedp.EvalAwaitPromise))
			where := name
			if narrow {
				where += " beside a lesson"
			}
			t.Log(checkOneScreen(t, ctx, where))
		}
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.body.classList.remove('in-lesson')`), chromedp.Click(chromedp.ID("reset")))
		waitFor(t, ctx, `document.getElementById('week').dataset.week === '0'`)
	}
}
