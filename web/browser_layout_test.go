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
	for (const el of document.querySelectorAll('.side-title, .phase')) {
		if (el.scrollWidth > el.clientWidth + 1) out.push('cut: ' + el.textContent.trim());
	}
	for (const s of document.querySelectorAll('select')) {
		if (s.closest('dialog')) continue;
		const size = parseFloat(getComputedStyle(s).fontSize) * dpr;
		if (size < px - 0.01) out.push(size.toFixed(1) + 'px: the select ' + s.id);
	}
	return out;
})(24)`

// checkOneScreen checks that the main view fits the window: no scrolling,
// every box inside it, the bar above the rest, and no text below 24 device
// pixels. It returns the layout's numbers for the log.
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
	m := get(t, ctx, chromedp.Evaluate[map[string]float64](`(() => {
		const rem = parseFloat(getComputedStyle(document.documentElement).fontSize), dpr = window.devicePixelRatio || 1;
		const c = document.getElementById('network-0');
		return { rem: rem * dpr, bar: document.getElementById('bar').getBoundingClientRect().height * dpr,
			network: Math.min(0.75 * rem, c.clientWidth / 24) * dpr, ticks: Math.round(0.8 * rem) * dpr,
			chartTop: document.getElementById('chart-outcome_rate').getBoundingClientRect().top * dpr,
			chartsBottom: document.getElementById('chart-diff').getBoundingClientRect().bottom * dpr };
	})()`))
	return fmt.Sprintf("%s: text %.0f px, bar %.0f px high, charts from y = %.0f to %.0f, network names %.1f px, chart ticks %.0f px (device pixels)",
		name, m["rem"], m["bar"], m["chartTop"], m["chartsBottom"], m["network"], m["ticks"])
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
