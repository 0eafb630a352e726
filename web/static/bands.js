// The Monte Carlo's bands, drawn so that where the two sides' bands overlap
// both still show and no third colour appears: the left's band is filled
// with opaque tints of its blue (light for 90% of the runs, deeper for the
// middle 50%), the right's is hatched with hard-edged stripes of a tint of
// its orange (one way for 90%, crossed for 50%), and each band's 5% and 95%
// edges are thin lines in its side's colour. Every pixel inside an overlap
// is then white, a tint of one side's hue or one side's colour, never a
// blend of the two (translucent fills of blue and orange made grey and
// brown). The stripes alone tell the sides apart without colour.
// The same painting draws the charts, the difference chart's area, the
// keys' swatches and so the charts PNG.

import { SIDE, BAND } from './colours.js';

// The hatch: stripes BAND.period CSS pixels apart, BAND.stripe wide
// across, as a pattern tile whose pixels are each either the stripe's
// colour or transparent (no antialiasing, which would mix the stripe with
// what is under it).
const tiles = new Map(); // by direction and device pixel ratio

function hatchTile(dir, dpr) {
  const key = dir + '@' + dpr;
  if (tiles.has(key)) return tiles.get(key);
  const period = Math.max(6, Math.round(BAND.period * dpr)), wide = Math.max(2, Math.round(BAND.stripe * dpr));
  const c = document.createElement('canvas');
  c.width = c.height = period;
  const g = c.getContext('2d');
  const img = g.createImageData(period, period);
  const rgb = [1, 3, 5].map((i) => parseInt(BAND.hatch.slice(i, i + 2), 16));
  for (let y = 0; y < period; y++) {
    for (let x = 0; x < period; x++) {
      // dir > 0: rising to the right (/), else falling (\).
      if (((dir > 0 ? x + y : x - y) % period + period) % period >= wide) continue;
      img.data.set([...rgb, 255], 4 * (y * period + x));
    }
  }
  g.putImageData(img, 0, 0);
  tiles.set(key, c);
  return c;
}

// style is what fills a side's band: level 0 the 90% band, 1 the middle 50%.
export function style(ctx, side, level, dpr) {
  if (side === 0) return BAND.fill[level];
  // Anchored at the canvas's corner, pixel for pixel (the charts draw
  // untransformed, in device pixels).
  return ctx.createPattern(hatchTile(level === 0 ? 1 : -1, dpr), 'repeat');
}

// Bands are laid down in whole pixels: each column of pixels a rectangle
// from the band's top to its bottom, each edge a rectangle per column as
// tall as the edge runs in it. A path on whole pixels is filled with no
// antialiasing, so no pixel is part one side's and part the other's (an
// antialiased edge or fill boundary mixes its colour with what lies under
// it, and where the sides' edges meet that made a brown line).

// columns samples a run of points [x, y1, y2] (canvas pixels, x rising) in
// each column of pixels it spans: for y1 and y2 the value at the column's
// middle (linear between the points, as the lines are drawn) and the least
// and greatest in the column. In one pass: the charts draw every frame.
function columns(run) {
  const out = [], n = run.length;
  if (!n) return out;
  let p = 0, q = 0;
  const at = (x) => {
    while (p < n - 2 && run[p + 1][0] <= x) p++;
    const a = run[p], b = run[Math.min(p + 1, n - 1)];
    const f = b[0] === a[0] ? 0 : Math.min(1, Math.max(0, (x - a[0]) / (b[0] - a[0])));
    return [a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
  };
  const x0 = run[0][0], xn = run[n - 1][0];
  const end = Math.max(Math.floor(x0) + 1, Math.ceil(xn));
  for (let c = Math.floor(x0); c < end; c++) {
    const lo = Math.max(c, x0), hi = Math.max(lo, Math.min(c + 1, xn));
    const ends = [at(lo), at(Math.min(hi, Math.max(lo, c + 0.5))), at(hi)];
    const min = [Math.min(ends[0][0], ends[2][0]), Math.min(ends[0][1], ends[2][1])];
    const max = [Math.max(ends[0][0], ends[2][0]), Math.max(ends[0][1], ends[2][1])];
    while (q < n && run[q][0] < c) q++;
    for (let r = q; r < n && run[r][0] <= c + 1; r++) {
      for (const k of [0, 1]) {
        min[k] = Math.min(min[k], run[r][k + 1]);
        max[k] = Math.max(max[k], run[r][k + 1]);
      }
    }
    out.push({ c, y: ends[1], min, max });
  }
  return out;
}

// area is a band's pixels: runs are lists of points [x, top y, bottom y].
function area(runs) {
  const p = new Path2D();
  for (const r of runs) {
    for (const col of columns(r)) {
      const t = Math.round(Math.min(...col.y)), b = Math.round(Math.max(...col.y));
      if (b > t) p.rect(col.c, t, 1, b - t);
    }
  }
  return p;
}

// edges are a band's two edges, each w pixels tall at least.
function edges(runs, w) {
  const p = new Path2D();
  for (const r of runs) {
    for (const col of columns(r)) {
      for (const k of [0, 1]) {
        const t = Math.round(col.min[k] - w / 2);
        p.rect(col.c, t, 1, Math.max(w, Math.round(col.max[k] + w / 2) - t));
      }
    }
  }
  return p;
}

// paint draws both sides' bands: bands[side] = [runs of the 90% band, runs
// of the 50% band], each run a list of points [x, top y, bottom y] in
// canvas pixels. First the fills, the left's under the right's hatch, then
// the edges, the left's wider under the right's (as the lines are), so
// that where they meet both show.
export function paint(ctx, bands, dpr) {
  ctx.save();
  bands.forEach((b, side) => {
    if (!b) return;
    ctx.fillStyle = style(ctx, side, 0, dpr);
    ctx.fill(area(b[0]));
    ctx.fillStyle = style(ctx, side, 1, dpr);
    ctx.fill(area(b[1]));
  });
  bands.forEach((b, side) => {
    if (!b) return;
    ctx.fillStyle = SIDE[side];
    ctx.fill(edges(b[0], Math.max(1, Math.round(BAND.edge[side] * dpr))));
  });
  ctx.restore();
}

// swatch is a side's band as a key, for a text: a strip with its 90%
// band, its 50% band in the middle and its edges, as on the charts; sized
// by the style sheet (canvas.band-swatch) and painted by drawSwatches once
// it is laid out.
export function swatch(side) {
  const c = document.createElement('canvas');
  c.className = 'band-swatch';
  c.dataset.side = String(side);
  c.setAttribute('role', 'img');
  c.setAttribute('aria-label', (side ? "the right side's band: hatched" : "the left side's band: filled") + ', outlined');
  return c;
}

// drawSwatches paints the swatches under root at their size, pixel for
// pixel (a canvas scaled by the browser would blur the stripes).
export function drawSwatches(root) {
  const dpr = window.devicePixelRatio || 1;
  for (const c of root.querySelectorAll('canvas.band-swatch')) {
    c.style.width = '';
    c.style.height = '';
    const W = Math.round(c.clientWidth * dpr), H = Math.round(c.clientHeight * dpr);
    if (!W || !H) continue;
    c.width = W;
    c.height = H;
    c.style.width = W / dpr + 'px';
    c.style.height = H / dpr + 'px';
    drawSwatch(c.getContext('2d'), Number(c.dataset.side), 0, 0, W, H, dpr);
  }
}

// drawSwatch draws a side's key at (x, y), W × H canvas pixels.
export function drawSwatch(ctx, side, x, y, W, H, dpr) {
  x = Math.round(x);
  y = Math.round(y);
  W = Math.round(W);
  H = Math.round(H);
  const e = Math.max(1, Math.round(BAND.edge[side] * dpr)) / 2;
  const strip = (a, b) => [[x, y + a, y + b], [x + W, y + a, y + b]];
  const bands = [null, null];
  bands[side] = [[strip(e, H - e)], [strip(0.3 * H, 0.7 * H)]];
  paint(ctx, bands, dpr);
}
