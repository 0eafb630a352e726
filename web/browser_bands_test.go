package web

import (
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Where the two sides' Monte Carlo bands overlap, every pixel must be one
// side's or the other's, never a mix of the two: translucent blue laid over
// translucent orange made the grey and brown of issue 13.
//
// The test, precisely: a pixel (its canvas RGBA laid on the page's white)
// is allowed when its colour in CIE L*a*b* (D65, sRGB) lies within
// tintTolerance (ΔE*76) of a tint of one side: a mixture in sRGB of white
// and that side's colour in any proportion, white and the side's colour
// themselves included (a fill, a stripe, an edge line and their
// antialiasing with white or with each other are such mixtures, as the
// canvas mixes in sRGB). Mixtures of the two sides are not: on the old
// drawing (translucent fills, alpha 0x22 for 90% and 0x22 + 0x38 for 50%
// of each side) every pixel this test reads is a blend, 8.6 to 24 from
// every tint (at both sizes). A ΔE*76 of 4 is under twice the just
// noticeable difference (2.3) and under half the nearest old blend. The
// new drawing's pixels lie within 0.6 (the canvas's rounding to bytes).
const tintTolerance = 4.0

// srgbLab is the CIE L*a*b* (D65) of an sRGB colour, channels 0–255.
func srgbLab(c [3]float64) [3]float64 {
	lin := func(x float64) float64 {
		x /= 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, b := lin(c[0]), lin(c[1]), lin(c[2])
	x := (0.4124564*r + 0.3575761*g + 0.1804375*b) / 0.95047
	y := 0.2126729*r + 0.7151522*g + 0.0721750*b
	z := (0.0193339*r + 0.1191920*g + 0.9503041*b) / 1.08883
	f := func(t float64) float64 {
		const d = 6.0 / 29
		if t > d*d*d {
			return math.Cbrt(t)
		}
		return t/(3*d*d) + 4.0/29
	}
	fx, fy, fz := f(x), f(y), f(z)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// tints are the Lab colours of the mixtures of white and each side's
// colour, in 1001 steps (neighbouring steps are under 0.2 apart, so the
// nearest step is the nearest tint to within 0.1).
type tints [2][1001][3]float64

func sideTints(t *testing.T, paper string, sides []string) *tints {
	t.Helper()
	var ts tints
	w := rgb(t, paper)
	for k, s := range sides {
		c := rgb(t, s)
		for i := range ts[k] {
			a := float64(i) / float64(len(ts[k])-1)
			var m [3]float64
			for j := range m {
				m[j] = w[j] + (c[j]-w[j])*a
			}
			ts[k][i] = srgbLab(m)
		}
	}
	return &ts
}

// nearest returns the side whose tint is nearest to c, how much of the
// side's colour that tint holds (0 white, 1 the side's colour) and ΔE*76.
func (ts *tints) nearest(c [3]float64) (side int, amount, d float64) {
	lab := srgbLab(c)
	d = math.Inf(1)
	for k := range ts {
		for i, tl := range ts[k] {
			if e := deltaE(lab, tl); e < d {
				side, amount, d = k, float64(i)/float64(len(ts[k])-1), e
			}
		}
	}
	return
}

// onWhite lays an RGBA pixel (not premultiplied) on white.
func onWhite(p []float64) [3]float64 {
	a := p[3] / 255
	return [3]float64{p[0]*a + 255*(1-a), p[1]*a + 255*(1-a), p[2]*a + 255*(1-a)}
}

// overlapPixels reads, on every chart, the pixels inside both sides' 90%
// bands at once: in each column of the plot, the rows between the lower
// of the two bands' tops and the higher of their bottoms (over the weeks
// within two pixels of the column), less a pixel at each end, and less the
// rows near the lines uPlot draws over the bands (the medians, the lines of
// the run, and the trust a plan needs), which are antialiased with whatever
// lies under them: a line's rows are those its y takes over the same weeks,
// widened by half its width and 1.5 CSS pixels. The bands' own edges are
// not left out. Each pixel is [chart, x, y, r, g,
// b, a] in the chart canvas's pixels; the charts PNG's pixel at the same
// place is checked to be the same (laid on white), to within 1 in a
// channel: the PNG shows the bands as drawn.
const overlapPixels = `(() => {
	const dpr = window.devicePixelRatio || 1;
	const png = cisimUI.chartsCanvas(), pctx = png.getContext('2d');
	const out = { pixels: [], pngDiffer: 0, pngWorst: 0, columns: 0 };
	cisimUI.charts.forEach((c, ci) => {
		if (c.metric === 'diff') return;
		const u = c.u, xs = u.data[0], ctx = u.ctx, W = ctx.canvas.width, H = ctx.canvas.height;
		const img = ctx.getImageData(0, 0, W, H).data;
		if (!png.places) out.pngUnplaced = true;
		const [px, py] = png.places ? png.places[ci] : [0, 0];
		const pimg = pctx.getImageData(px, py, W, H).data;
		const { left, top, width, height } = u.bbox;
		const y = (v) => u.valToPos(v, 'y', true);
		// uPlot's lines, antialiased: series and their widths (u.series[s].width, CSS pixels).
		const lines = [1, 2, 7, 12].map((s) => [s, u.series[s].width]);
		const flat = [];
		if (c.metric === 'mean_trust' && cisimUI.state.snap) for (const ss of cisimUI.state.snap.sides) flat.push([y(ss.agreeTrust), 2]);
		const colWeeks = new Map();
		for (let i = 0; i < xs.length; i++) {
			const x = u.valToPos(xs[i], 'x', true);
			for (let cx = Math.ceil(x - 2 * dpr); cx <= Math.floor(x + 2 * dpr); cx++) {
				if (!colWeeks.has(cx)) colWeeks.set(cx, []);
				colWeeks.get(cx).push(i);
			}
		}
		for (let cx = Math.ceil(left); cx < Math.floor(left + width); cx++) {
			const ws = colWeeks.get(cx);
			if (!ws) continue;
			let ovTop = -Infinity, ovBottom = Infinity, ok = true;
			for (const i of ws) {
				const e = [3, 4, 8, 9].map((s) => u.data[s][i]);
				if (e.some((v) => v === null || v === undefined)) { ok = false; break; }
				ovTop = Math.max(ovTop, y(e[1]), y(e[3]));
				ovBottom = Math.min(ovBottom, y(e[0]), y(e[2]));
			}
			const margin = 1;
			if (!ok || ovBottom - ovTop <= 2 * margin) continue;
			const away = [];
			for (const [s, w] of lines) {
				const ys = ws.map((i) => u.data[s][i]).filter((v) => v !== null && v !== undefined).map(y);
				if (ys.length) away.push([Math.min(...ys) - (w / 2 + 1.5) * dpr, Math.max(...ys) + (w / 2 + 1.5) * dpr]);
			}
			for (const [yy, w] of flat) away.push([yy - (w / 2 + 1.5) * dpr, yy + (w / 2 + 1.5) * dpr]);
			let n = 0;
			for (let ry = Math.ceil(Math.max(top, ovTop + margin)); ry + 1 <= Math.min(top + height, ovBottom - margin); ry++) {
				if (away.some(([a, b]) => ry + 1 > a && ry < b)) continue;
				const k = 4 * (ry * W + cx);
				const p = [img[k], img[k + 1], img[k + 2], img[k + 3]];
				out.pixels.push([ci, cx, ry, ...p]);
				n++;
				const wa = p[3] / 255, q = [pimg[k], pimg[k + 1], pimg[k + 2]];
				const d = Math.max(...[0, 1, 2].map((j) => Math.abs(p[j] * wa + 255 * (1 - wa) - q[j])));
				if (d > 1 && png.places) out.pngDiffer++;
				out.pngWorst = Math.max(out.pngWorst, d);
			}
			if (n) out.columns++;
		}
	});
	return out;
})()`

type overlap struct {
	Pixels    [][]float64
	PNGDiffer int     `json:"pngDiffer"`
	PNGWorst  float64 `json:"pngWorst"`
	Unplaced  bool    `json:"pngUnplaced"`
	Columns   int
}

// swatchPixels reads the bands' swatches in the Info panel's key: [side,
// r, g, b, a] for every pixel.
const swatchPixels = `[...document.querySelectorAll('#info-bands canvas.band-swatch')].flatMap((c) => {
	const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, side = Number(c.dataset.side), out = [];
	for (let k = 0; k < d.length; k += 4) out.push([side, d[k], d[k + 1], d[k + 2], d[k + 3]]);
	return out;
})`

// TestBrowserBandsOverlap runs a quick Monte Carlo of the default designs,
// isolated against collective impact, whose bands overlap in the first
// years of every chart, at 1280 × 720 and 1920 × 1080, and checks every
// pixel where both 90% bands lie (see overlapPixels) against the sides'
// tints (see tintTolerance); that both sides show there (at least a tenth
// of the pixels nearer each side's tints than white); that the charts PNG
// has the same pixels; and that the Info panel's swatches are their side's
// tints only, with both levels. It keeps screenshots with the bands at
// week 0 and in year 3.
func TestBrowserBandsOverlap(t *testing.T) {
	for _, v := range []view{projector, fullHD} {
		name := fmt.Sprintf("%dx%d", v.w, v.h)
		t.Run(name, func(t *testing.T) {
			ctx := pageIn(t, 90*time.Second, v)
			const runs = 20
			openPanel(t, ctx, "open-levers", "levers-drawer")
			do(t, ctx, chromedp.SetValue(chromedp.ID("mc-runs"), strconv.Itoa(runs)), chromedp.Click(chromedp.ID("mc-run")))
			waitFor(t, ctx, `document.getElementById('mc-result').dataset.runs === '`+strconv.Itoa(runs)+`'`)
			closePanel(t, ctx, "levers-drawer")
			p := get(t, ctx, chromedp.Evaluate[map[string]any](`({ side: cisimUI.palette.SIDE, paper: cisimUI.palette.PAPER })`))
			sides := []string{p["side"].([]any)[0].(string), p["side"].([]any)[1].(string)}
			ts := sideTints(t, p["paper"].(string), sides)

			ov := get(t, ctx, chromedp.Evaluate[overlap](overlapPixels))
			if len(ov.Pixels) < 300 || ov.Columns < 50 {
				t.Fatalf("only %d pixels in %d columns where both bands lie: the region is too small to judge", len(ov.Pixels), ov.Columns)
			}
			var count [2]int
			var worst float64
			bad := 0
			for _, px := range ov.Pixels {
				c := onWhite(px[3:])
				side, amount, d := ts.nearest(c)
				worst = math.Max(worst, d)
				if d > tintTolerance {
					if bad++; bad <= 5 {
						t.Errorf("chart %v at (%v, %v): rgb(%.0f, %.0f, %.0f) is ΔE*76 %.1f from every tint of the sides (nearest: %.0f%% of side %d), a blend",
							px[0], px[1], px[2], c[0], c[1], c[2], d, 100*amount, side)
					}
					continue
				}
				if amount >= 0.05 {
					count[side]++
				}
			}
			if bad > 5 {
				t.Errorf("… %d pixels of %d are blends", bad, len(ov.Pixels))
			}
			for k, n := range count {
				if 10*n < len(ov.Pixels) {
					t.Errorf("side %d shows in %d of the %d pixels where both bands lie, fewer than a tenth", k, n, len(ov.Pixels))
				}
			}
			t.Logf("%d pixels in %d columns where both bands lie: %d left, %d right, the rest white; worst ΔE*76 %.2f from a tint",
				len(ov.Pixels), ov.Columns, count[0], count[1], worst)
			if ov.Unplaced {
				t.Error("the charts PNG does not say where its charts lie (places)")
			}
			if ov.PNGDiffer > 0 {
				t.Errorf("the charts PNG differs from the charts in %d of those pixels (by up to %.0f in a channel)", ov.PNGDiffer, ov.PNGWorst)
			}
			artifact(t, "bands-"+name+"-week0.png", get(t, ctx, chromedp.CaptureScreenshot()))

			// The Info panel's key: each swatch only its side's tints, with
			// the side's colour (the edge) and a fill or stripe.
			openPanel(t, ctx, "open-info", "info")
			sw := get(t, ctx, chromedp.Evaluate[[][]float64](swatchPixels))
			if len(sw) == 0 {
				t.Fatal("no band swatches in the Info panel's key")
			}
			var seen [2]map[string]bool
			for _, px := range sw {
				k := int(px[0])
				if px[4] == 0 {
					continue
				}
				c := onWhite(px[1:])
				side, amount, d := ts.nearest(c)
				if d > tintTolerance || side != k && amount >= 0.02 {
					t.Errorf("swatch of side %d: rgb(%.0f, %.0f, %.0f) is not a tint of its side (ΔE*76 %.1f from side %d's)", k, c[0], c[1], c[2], d, side)
					break
				}
				if seen[k] == nil {
					seen[k] = map[string]bool{}
				}
				switch {
				case amount > 0.9:
					seen[k]["edge"] = true
				case amount > 0.05:
					seen[k]["tint"] = true
				}
			}
			for k := range seen {
				if !seen[k]["edge"] || !seen[k]["tint"] {
					t.Errorf("swatch of side %d shows %v, want its edge and its tint", k, seen[k])
				}
			}
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('info-bands').scrollIntoView({ block: 'center' })`))
			artifact(t, "bands-"+name+"-info.png", get(t, ctx, chromedp.CaptureScreenshot()))
			closePanel(t, ctx, "info")

			// Year 3, the lines over the bands: for people to look at.
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('jump'); s.value = '3'; s.dispatchEvent(new Event('change')); })()`))
			waitFor(t, ctx, `Number(document.getElementById('week').dataset.week) >= 156`)
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement.blur()`))
			artifact(t, "bands-"+name+"-year3.png", get(t, ctx, chromedp.CaptureScreenshot()))
			png := get(t, ctx, chromedp.Evaluate[string](`cisimUI.chartsCanvas().toDataURL('image/png')`))
			artifact(t, "bands-"+name+"-charts.png", dataURL(t, png))
		})
	}
}

// dataURL decodes a data: URL of base64.
func dataURL(t *testing.T, u string) []byte {
	t.Helper()
	i := strings.Index(u, ";base64,")
	if !strings.HasPrefix(u, "data:") || i < 0 {
		t.Fatalf("not a data URL of base64: %.40q", u)
	}
	b, err := base64.StdEncoding.DecodeString(u[i+len(";base64,"):])
	if err != nil {
		t.Fatal(err)
	}
	return b
}
