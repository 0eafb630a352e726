package web

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// colourPair is a text's colour and the colour behind it, as CSS gives them.
type colourPair struct {
	What   string
	FG, BG string
}

// textColours lists every visible text's colour and its ground: the first
// ancestor with a background that is not transparent (a ground partly
// transparent is laid on white, the page's).
const textColours = `(() => {
	const out = [];
	const seen = new Set();
	const ground = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const bg = getComputedStyle(e).backgroundColor;
			if (bg && bg !== 'transparent' && !/rgba\(.*, 0\)$/.test(bg)) return bg;
		}
		return 'rgb(255, 255, 255)';
	};
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el || el.closest('template, noscript, option')) continue;
		if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
		const fg = getComputedStyle(el).color, bg = ground(el);
		const key = fg + '|' + bg;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ What: n.textContent.trim().slice(0, 30), FG: fg, BG: bg });
	}
	for (const c of cisimUI.palette.canvasText) out.push({ What: 'canvas: ' + c.what, FG: c.fg, BG: c.bg });
	return out;
})()`

// rgb reads a CSS colour: rgb(), rgba() or #rrggbb; alpha lays it on white.
func rgb(t *testing.T, c string) [3]float64 {
	t.Helper()
	c = strings.TrimSpace(c)
	if strings.HasPrefix(c, "#") && len(c) == 7 {
		var v [3]float64
		for i := range v {
			n, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
			if err != nil {
				t.Fatalf("colour %q: %v", c, err)
			}
			v[i] = float64(n)
		}
		return v
	}
	inner := c[strings.IndexByte(c, '(')+1 : strings.LastIndexByte(c, ')')]
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) < 3 {
		t.Fatalf("colour %q", c)
	}
	var v [3]float64
	alpha := 1.0
	if len(parts) == 4 {
		alpha, _ = strconv.ParseFloat(parts[3], 64)
	}
	for i := range v {
		x, err := strconv.ParseFloat(parts[i], 64)
		if err != nil {
			t.Fatalf("colour %q: %v", c, err)
		}
		v[i] = alpha*x + (1-alpha)*255
	}
	return v
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	lin := func(x float64) float64 {
		x /= 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

// contrast is WCAG 2's contrast ratio, (L1 + 0.05)/(L2 + 0.05).
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	// Black on white is 21:1; the old page's right heading, #D55E00 on
	// white, 3.87:1; WCAG's grey #767676 just passes at 4.54:1.
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#D55E00", "#ffffff", 3.87}, {"#767676", "#ffffff", 4.54}} {
		if got := contrast(rgb(t, c.a), rgb(t, c.b)); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// TestBrowserContrast computes the contrast of every pair of text colour
// and ground the page shows: on the main view, in a lesson, in the levers
// drawer and in the Info panel, and of the text drawn on canvases; each
// must be at least 4.5:1 (WCAG AA). The marks of the sides and of the young
// people's states must be at least 3:1 on their grounds.
func TestBrowserContrast(t *testing.T) {
	ctx := pageIn(t, 40*time.Second, projector)
	pairs := map[string]colourPair{}
	collect := func(where string) {
		for _, p := range get(t, ctx, chromedp.Evaluate[[]colourPair](textColours)) {
			pairs[p.FG+"|"+p.BG] = colourPair{where + ": " + p.What, p.FG, p.BG}
		}
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('jump'); s.value = '3'; s.dispatchEvent(new Event('change')); })()`))
	collect("main view")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`cisimUI.startLesson('1-backbone')`),
		chromedp.Click(chromedp.ID("choice-0")), chromedp.Click(chromedp.ID("lesson-run")), chromedp.Click(chromedp.ID("lesson-skip")))
	waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === 'explained'`)
	collect("lesson")
	do(t, ctx, chromedp.Click(chromedp.ID("lesson-leave")))
	for _, panel := range [][2]string{{"open-levers", "levers-drawer"}, {"open-info", "info"}, {"open-lessons", "lessons-menu"}} {
		openPanel(t, ctx, panel[0], panel[1])
		collect(panel[1])
		closePanel(t, ctx, panel[1])
	}
	if len(pairs) < 8 {
		t.Fatalf("only %d colour pairs found: %v", len(pairs), pairs)
	}
	for _, p := range pairs {
		r := contrast(rgb(t, p.FG), rgb(t, p.BG))
		if r < 4.5 {
			t.Errorf("%q: %s on %s is %.2f:1, below 4.5:1", p.What, p.FG, p.BG, r)
		}
	}
	marks(t, ctx)
	t.Logf("%d pairs of text colour and ground, each at least 4.5:1", len(pairs))
}

// marks checks the sides' lines and the young people's dots against their
// grounds (3:1, WCAG's contrast for graphics), the bands' fills and stripes
// among them.
func marks(t *testing.T, ctx context.Context) {
	t.Helper()
	p := get(t, ctx, chromedp.Evaluate[map[string]any](`({ side: cisimUI.palette.SIDE, paper: cisimUI.palette.PAPER,
		states: cisimUI.palette.STATES.map((s) => s[0]), ground: cisimUI.palette.DOTS_GROUND,
		bands: [...cisimUI.palette.BAND.fill, cisimUI.palette.BAND.hatch] })`))
	for _, c := range p["side"].([]any) {
		if r := contrast(rgb(t, c.(string)), rgb(t, p["paper"].(string))); r < 4.5 {
			t.Errorf("side colour %s is %.2f:1 on the page; its text needs 4.5:1", c, r)
		}
		// The sides' lines and the bands' edges cross the Monte Carlo's
		// bands: their fills and stripes.
		for _, b := range p["bands"].([]any) {
			if r := contrast(rgb(t, c.(string)), rgb(t, b.(string))); r < 3 {
				t.Errorf("side colour %s is %.2f:1 on the bands' colour %s, below 3:1", c, r, b)
			}
		}
	}
	for _, c := range p["states"].([]any) {
		if r := contrast(rgb(t, c.(string)), rgb(t, p["ground"].(string))); r < 3 {
			t.Errorf("young people's state colour %s is %.2f:1 on its ground, below 3:1", c, r)
		}
	}
}
