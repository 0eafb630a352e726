// The charts: the four metrics over time for both sides, with a readout of
// each side's value and the difference, the events as marks, the run
// phase's trust as a line, and a fifth chart of the difference itself, so
// that lines close together never hide each other.

import { $, SIDES, WHERE, ui } from './model.js';
import { SIDE, INK, GRID, PAPER, GROUP_MARKS } from './colours.js';
import { rem } from './sides.js';
import { paint, style, drawSwatch } from './bands.js';

// Short titles for the projector; the long ones name the chart for a screen reader.
export const METRICS = {
  outcome_rate: ['Job or studies', 'Share of the young people in a job or studies', 'share'],
  mean_trust: ['Trust', "Partners' mean trust in each other", 'share'],
  agenda_alignment: ['Effort fits needs', "How well the partners' effort fits the young people's needs", 'share'],
  partners_remaining: ['Partners', 'Partners taking part', 'count'],
};

export const charts = []; // {metric, box, u} of each chart; the difference chart has metric 'diff'

// The series of a chart: x, left, right, then per side the band edges 5,
// 95, 25, 75% and the median of a Monte Carlo.
function bandSeries(side) {
  const edge = { stroke: 'transparent', width: 0, points: { show: false } };
  return [
    { label: WHERE[side] + ' 5%', ...edge }, { label: WHERE[side] + ' 95%', ...edge },
    { label: WHERE[side] + ' 25%', ...edge }, { label: WHERE[side] + ' 75%', ...edge },
    { label: WHERE[side] + ' median', stroke: SIDE[side], width: 1.5, dash: [6, 4], points: { show: false } },
  ];
}

const pctTicks = (u, vals) => vals.map((v) => Math.round(100 * v) + '%');

function axes(kind) {
  const font = Math.round(rem()) + 'px system-ui, sans-serif'; // the ticks as large as the page's text
  const x = { font, stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 1.8 * rem(), space: 3.2 * rem(),
    incrs: [1, 2, 5, 10], values: (u, vals) => vals.map((v) => String(v)) };
  const y = { font, stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 3.9 * rem(), space: 1.5 * rem() };
  if (kind === 'share') Object.assign(y, { values: pctTicks, incrs: [0.1, 0.25, 0.5, 1], filter: (u, splits) => splits.map((v) => (v <= 1.0001 ? v : null)) });
  if (kind === 'count') Object.assign(y, { incrs: [1, 2, 5, 10], values: (u, vals) => vals.map((v) => String(v)) });
  if (kind === 'diff') Object.assign(y, { values: (u, vals) => vals.map((v) => signed(v)) });
  return [x, y];
}

function signed(v) {
  const s = ui.diffMetric === 'partners_remaining' ? String(Math.round(v)) : String(Math.round(100 * v));
  return v > 0 ? '+' + s : s.replace('-', '−');
}

export function buildCharts() {
  const box = $('charts');
  for (const m of ui.cat.charted) addChart(box, m);
  addDiffChart(box);
  const ro = new ResizeObserver(resize);
  for (const c of charts) ro.observe(c.box.querySelector('.plot'));
  resize();
  ui.listeners.push(() => { updateReadouts(); updateCharts(); });
}

function tile(box, id, label) {
  const fig = document.createElement('figure');
  fig.className = 'chart';
  fig.id = id;
  fig.dataset.points = '0';
  const cap = document.createElement('figcaption');
  const plot = document.createElement('div');
  plot.className = 'plot';
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-label', label);
  fig.append(cap, plot);
  box.append(fig);
  return [fig, cap, plot];
}

function addChart(box, m) {
  const [fig, cap, plot] = tile(box, 'chart-' + m, METRICS[m][1] + ' over time, in years');
  cap.innerHTML = '<span class="title"></span> <span class="readout"><output class="l"></output> ' +
    '<output class="r"></output> <output class="d"></output></span>';
  cap.querySelector('.title').textContent = METRICS[m][0];
  const [l, r, d] = cap.querySelectorAll('output');
  l.id = 'v-0-' + m; r.id = 'v-1-' + m; d.id = 'd-' + m;
  l.title = 'left'; r.title = 'right'; d.title = METRICS[m][2] === 'share' ? 'right minus left, in percentage points' : 'right minus left';
  const kind = METRICS[m][2];
  const opts = {
    width: 300, height: 150, legend: { show: false }, cursor: { show: false },
    scales: {
      x: { time: false, range: () => [0, Math.max(ui.weeks, 1) / 52] },
      // Room above the data for the event marks: shares to 115%, partners a fifth more.
      y: { range: kind === 'share' ? () => [0, 1.15] : () => [0, maxActors() * 1.2] },
    },
    axes: axes(kind),
    series: [
      {},
      // The left line is wide and drawn first, the right narrow on top: where
      // they coincide both stay visible.
      { label: WHERE[0], stroke: SIDE[0], width: 5, points: { show: false } },
      { label: WHERE[1], stroke: SIDE[1], width: 2.5, points: { show: false } },
      ...bandSeries(0), ...bandSeries(1),
    ],
    // The bands are drawn by bands.js after the grid and before the lines.
    hooks: { drawAxes: [drawBands], draw: [(u) => drawOverlays(u, m)] },
  };
  charts.push({ metric: m, box: fig, u: new window.uPlot(opts, empty(13), plot) });
}

// addDiffChart is the difference, right minus left, of the metric picked.
function addDiffChart(box) {
  const [fig, cap] = tile(box, 'chart-diff', 'Right minus left over time, in years');
  cap.innerHTML = '<span class="title">Right − left</span> <select id="diff-metric" aria-label="Difference of"></select>' +
    '<output class="d" id="d-diff"></output>';
  const sel = cap.querySelector('select');
  for (const m of ui.cat.charted) {
    const o = document.createElement('option');
    o.value = m;
    o.textContent = METRICS[m][0];
    sel.append(o);
  }
  sel.addEventListener('change', () => { setDiffMetric(sel.value); });
  const opts = {
    width: 300, height: 150, legend: { show: false }, cursor: { show: false },
    scales: { x: { time: false, range: () => [0, Math.max(ui.weeks, 1) / 52] }, y: { range: diffRange } },
    axes: axes('diff'),
    series: [{}, { label: 'right − left', stroke: INK, width: 2.5, points: { show: false } }],
    hooks: { drawAxes: [drawDiffArea], draw: [(u) => drawZero(u)] },
  };
  charts.push({ metric: 'diff', box: fig, u: new window.uPlot(opts, empty(2), fig.querySelector('.plot')) });
}

export function setDiffMetric(m) {
  ui.diffMetric = m;
  $('diff-metric').value = m;
  if (!ui.snap) return;
  updateReadouts();
  updateCharts();
}

function diffRange(u, lo, hi) {
  const min = ui.diffMetric === 'partners_remaining' ? 2 : 0.05;
  const a = Math.max(min, Math.abs(lo || 0), Math.abs(hi || 0)) * 1.1;
  return [-a, a];
}

function empty(n) { return Array.from({ length: n }, () => []); }

function maxActors() {
  return ui.snap ? Math.max(...ui.snap.sides.map((s) => s.actors.length)) : 1;
}

function resize() {
  for (const c of charts) {
    const p = c.box.querySelector('.plot');
    c.u.setSize({ width: Math.max(120, p.clientWidth), height: Math.max(60, p.clientHeight) });
  }
  if (ui.snap) updateReadouts(); // the difference's unit fits or goes
}

// updateReadouts writes each chart's numbers: the left's, the right's and
// the difference, as the model printed them.
function updateReadouts() {
  const snap = ui.snap;
  for (const side of SIDES) {
    for (const sh of snap.sides[side].shown) {
      const out = $('v-' + side + '-' + sh.metric);
      out.textContent = sh.text;
      out.dataset.value = snap.sides[side].week > 0 ? String(sh.value) : '';
      out.dataset.week = snap.sides[side].week;
    }
  }
  for (const d of snap.diff) {
    const t = short(d);
    $('d-' + d.metric).textContent = t;
    $('d-' + d.metric).dataset.value = d.text === '–' ? '' : String(d.value);
    if (d.metric === ui.diffMetric) {
      // The wide tile has room for a unit, unless the tile is narrow (beside a lesson).
      const out = $('d-diff'), cap = out.parentElement;
      out.textContent = d.text.replace('percentage point', 'point');
      if (cap.scrollWidth > cap.clientWidth + 1) out.textContent = t;
    }
  }
}

// short writes a difference for a readout, without "percentage points",
// which the readout's tooltip and the difference chart's axis say.
function short(d) { return d.text.replace(/ percentage points?$/, ''); }

export function updateCharts() {
  const xs = Array.from({ length: ui.weeks }, (_, t) => (t + 1) / 52);
  for (const c of charts) {
    if (c.metric === 'diff') {
      const l = ui.live[0][ui.diffMetric], r = ui.live[1][ui.diffMetric];
      c.u.setData([xs, xs.map((_, t) => (l[t] === null || r[t] === null ? null : r[t] - l[t]))]);
      continue;
    }
    const data = [xs, ui.live[0][c.metric], ui.live[1][c.metric]];
    for (const side of SIDES) {
      for (const q of [0, 4, 1, 3, 2]) data.push(bandOf(side, c.metric, q));
    }
    c.u.setData(data);
    c.box.dataset.points = String(ui.live[0][c.metric].filter((v) => v !== null).length);
  }
}

// runsOf are the runs of weeks where both series a and b of a chart are
// known, as points [x, y of a, y of b] in canvas pixels.
function runsOf(u, a, b) {
  const xs = u.data[0], A = u.data[a], B = u.data[b], out = [];
  let run = null;
  for (let i = 0; i < xs.length; i++) {
    if (A[i] === null || A[i] === undefined || B[i] === null || B[i] === undefined) { run = null; continue; }
    if (!run) out.push(run = []);
    run.push([u.valToPos(xs[i], 'x', true), u.valToPos(A[i], 'y', true), u.valToPos(B[i], 'y', true)]);
  }
  return out;
}

// drawBands draws each side's bands (bandSeries: 5, 95, 25, 75% after
// the two lines), inside the plot.
function drawBands(u) {
  if (!ui.bands) return;
  const ctx = u.ctx, { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(Math.round(left), Math.round(top), Math.round(width), Math.round(height));
  ctx.clip();
  paint(ctx, SIDES.map((s) => [runsOf(u, 4 + 5 * s, 3 + 5 * s), runsOf(u, 6 + 5 * s, 5 + 5 * s)]), window.devicePixelRatio || 1);
  ctx.restore();
}

// drawDiffArea fills the difference chart between its line and zero as
// the bands are: hatched as the right's band where the right is higher,
// filled as the left's where the left is.
function drawDiffArea(u) {
  const ctx = u.ctx, dpr = window.devicePixelRatio || 1, { left, top, width, height } = u.bbox;
  const xs = u.data[0], d = u.data[1];
  const y0 = Math.round(u.valToPos(0, 'y', true)); // whole pixels, so no row is part each side's
  const p = new Path2D();
  let first = null, last = null;
  for (let i = 0; i <= xs.length; i++) {
    const v = i < xs.length ? d[i] : null;
    if (v === null || v === undefined) {
      if (first !== null) { p.lineTo(last, y0); p.lineTo(first, y0); p.closePath(); }
      first = null;
      continue;
    }
    const x = u.valToPos(xs[i], 'x', true), y = u.valToPos(v, 'y', true);
    if (first === null) { first = x; p.moveTo(x, y0); }
    p.lineTo(x, y);
    last = x;
  }
  for (const [side, y1, y2] of [[1, top, y0], [0, y0, top + height]]) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, y1, width, y2 - y1);
    ctx.clip();
    ctx.fillStyle = style(ctx, side, 0, dpr);
    ctx.fill(p);
    ctx.restore();
  }
}

function bandOf(side, metric, q) {
  const out = new Array(ui.weeks).fill(null);
  if (!ui.bands) return out;
  const b = ui.bands.sides[side].bands[metric][q];
  for (let t = 0; t < b.length && t < ui.weeks; t++) out[t] = b[t];
  return out;
}

// markers are the events drawn on the charts: phases entered, partners
// joining and leaving, money, rules fired and design changes; and on the
// chart of the measure they bear on, the kinds that come by the dozen:
// conflicts on trust's, new practices taken up or dropped on the share
// in a job or studies.
// renewals are the funding rounds of a side that renew the money as
// before (the round's sentence names the same sum as the one before):
// the feed counts them and the charts leave them out, so that a yearly
// round does not draw a dotted line along the top of every chart.
export function renewals(side) {
  const out = new Set();
  let money = null;
  for (const e of ui.events[side]) {
    if (e.kind !== 'funding_round') continue;
    const m = e.text.split(': the funders put in ')[1];
    if (money !== null && m === money) out.add(e);
    money = m;
  }
  return out;
}

export function markers(side, metric) {
  const shown = { phase: 'plan', exit: 'partners', join: 'partners', broke_up: 'partners', funder_withdrew: 'money',
    funder_cut: 'money', pledge_cut: 'money', backbone_underfunded: 'money', funding_round: 'money', pooled_fund_started: 'money',
    intervention: 'intervention', trigger_fired: 'rule' };
  if (metric === 'mean_trust') shown.conflict = 'conflict';
  if (metric === 'outcome_rate') Object.assign(shown, { innovation_adopted: 'ideas', innovation_abandoned: 'ideas' });
  const renewed = renewals(side);
  return ui.events[side].filter((e) => shown[e.kind] && !renewed.has(e)).map((e) => ({ week: e.week, group: shown[e.kind], text: e.text }));
}

// mark draws a group's mark, a shape rather than a letter, centred at x
// with its top at y: ● a circle (plan), ▲ a triangle (partners), ■ a
// square (money), ◆ a diamond (a rule fired), ✕ a conflict, + a new
// practice.
export function mark(ctx, group, x, y, size) {
  const h = size / 2;
  if (group === 'conflict' || group === 'ideas') { // ✕ a conflict, + a new practice: strokes, smaller
    const q = 0.28 * size;
    ctx.lineWidth = Math.max(1.5, size / 6);
    ctx.beginPath();
    if (group === 'conflict') { ctx.moveTo(x - q, y + h - q); ctx.lineTo(x + q, y + h + q); ctx.moveTo(x + q, y + h - q); ctx.lineTo(x - q, y + h + q); }
    else { ctx.moveTo(x - q, y + h); ctx.lineTo(x + q, y + h); ctx.moveTo(x, y + h - q); ctx.lineTo(x, y + h + q); }
    ctx.stroke();
    return;
  }
  ctx.beginPath();
  if (group === 'plan') ctx.arc(x, y + h, h, 0, 2 * Math.PI);
  else if (group === 'partners') { ctx.moveTo(x, y); ctx.lineTo(x + h * 1.1, y + size); ctx.lineTo(x - h * 1.1, y + size); }
  else if (group === 'money') ctx.rect(x - h * 0.9, y + h * 0.1, 1.8 * h, 1.8 * h);
  else { ctx.moveTo(x, y); ctx.lineTo(x + h, y + h); ctx.lineTo(x, y + size); ctx.lineTo(x - h, y + h); }
  ctx.closePath();
  ctx.fill();
}

// drawOverlays draws on a chart, after uPlot: the trust a plan needs, and
// the events of each side as marks along the top.
function drawOverlays(u, m) {
  const ctx = u.ctx;
  const dpr = window.devicePixelRatio || 1;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  if (m === 'mean_trust' && ui.snap) drawThreshold(u, ctx, dpr);
  // Small, in the room above the data: the marks must not hide the lines.
  const size = Math.max(8 * dpr, Math.min(0.45 * rem() * dpr, (u.valToPos(1, 'y', true) - top) * 0.8));
  for (const side of SIDES) {
    for (const mk of markers(side, m)) {
      const x = u.valToPos(mk.week / 52, 'x', true);
      if (x < left || x > left + width) continue;
      ctx.fillStyle = SIDE[side];
      ctx.strokeStyle = SIDE[side];
      if (mk.group === 'intervention') {
        ctx.lineWidth = 2.5 * dpr;
        ctx.setLineDash([6 * dpr, 4 * dpr]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
        ctx.setLineDash([]);
        continue;
      }
      mark(ctx, mk.group, x, top + 1 * dpr, size);
    }
  }
  ctx.restore();
}

// drawThreshold draws the mean trust a plan needs (τ_A, the run phase's
// threshold), which the engine drew for this world, as a dashed line.
function drawThreshold(u, ctx, dpr) {
  const seen = new Set();
  for (const ss of ui.snap.sides) {
    const v = ss.agreeTrust;
    if (seen.has(v)) continue;
    seen.add(v);
    const y = u.valToPos(v, 'y', true);
    const { left, width } = u.bbox;
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash([8 * dpr, 5 * dpr]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    // As large as the page's text, inside the plot: the longest label that
    // fits its width.
    const fs = rem() * dpr;
    ctx.font = '600 ' + fs + 'px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    const pct = Math.round(100 * v) + '%';
    const label = ['a plan needs ' + pct, 'plan needs ' + pct, 'plan ' + pct, pct].find((t) => ctx.measureText(t).width <= width - 8 * dpr) || pct;
    ctx.lineWidth = 4 * dpr;
    ctx.strokeStyle = PAPER;
    ctx.strokeText(label, left + width - 4 * dpr, y - 2 * dpr);
    ctx.fillStyle = INK;
    ctx.fillText(label, left + width - 4 * dpr, y - 2 * dpr);
  }
}

function drawZero(u) {
  const ctx = u.ctx;
  const dpr = window.devicePixelRatio || 1;
  const y = u.valToPos(0, 'y', true);
  ctx.save();
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.5 * dpr;
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, y);
  ctx.lineTo(u.bbox.left + u.bbox.width, y);
  ctx.stroke();
  ctx.restore();
}

// watch marks the charts a lesson step asks the class to look at.
export function watch(metrics) {
  for (const c of charts) c.box.classList.toggle('watch', metrics.includes(c.metric));
}

// chartsCanvas draws the five charts with their titles, readouts and a key
// on one canvas, for the PNG download and the worksheet.
export function chartsCanvas() {
  const cs = charts.map((c) => c.u.ctx.canvas);
  const dpr = window.devicePixelRatio || 1;
  const fs = Math.round(rem() * dpr), cfs = Math.round(0.8 * fs), title = 2.6 * cfs, head = (ui.bands ? 4.1 : 2.8) * fs;
  // Rows as on the page: three charts, then the partners and the difference.
  const rows = [[0, 1, 2], [3, 4]].map((r) => r.filter((k) => k < cs.length));
  const rowW = rows.map((r) => r.reduce((w, k) => w + cs[k].width, 0));
  const rowH = rows.map((r) => Math.max(...r.map((k) => cs[k].height)) + title);
  const out = document.createElement('canvas');
  const s = ui.snap;
  // The key's lines, measured first so that the picture is as wide as they are.
  const names = SIDES.map((side) => WHERE[side].toLowerCase() + ': ' + s.sides[side].title + '    ');
  const bandKey = ui.bands ? [[0, 'left,'], [1, 'right: ' + ui.bands.runs + ' runs, a band holds 90% of them, its deeper middle 50%; dashed, the median']] : [];
  let ctx = out.getContext('2d');
  ctx.font = '700 ' + fs + 'px system-ui, sans-serif';
  const namesW = names.reduce((w, t) => w + ctx.measureText(t).width, 0);
  ctx.font = '400 ' + cfs + 'px system-ui, sans-serif';
  const bandW = bandKey.reduce((w, [, t]) => w + 2.7 * cfs + ctx.measureText(t + ' ').width, 0);
  out.width = Math.ceil(Math.max(...rowW, 900 * dpr, 20 * dpr + namesW, 20 * dpr + bandW));
  out.height = Math.ceil(head + rowH.reduce((a, b) => a + b, 0));
  out.places = []; // where each chart's canvas lies, for the tests
  ctx = out.getContext('2d'); // sizing the canvas reset it
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'middle';
  ctx.font = '700 ' + fs + 'px system-ui, sans-serif';
  // The key on two lines, so that it fits whatever the designs' names, and
  // a third for the bands after many runs.
  ctx.fillStyle = INK;
  ctx.fillText('cisim classroom · seed ' + s.seed + ' · week ' + s.week, 10 * dpr, 0.7 * fs);
  let x = 10 * dpr;
  for (const side of SIDES) {
    const t = names[side];
    ctx.fillStyle = SIDE[side];
    ctx.fillText(t, x, 1.9 * fs);
    x += ctx.measureText(t).width;
  }
  if (ui.bands) {
    // The bands' key, with swatches painted as the charts paint them.
    x = 10 * dpr;
    ctx.font = '400 ' + cfs + 'px system-ui, sans-serif';
    for (const [side, t] of bandKey) {
      drawSwatch(ctx, side, x, 2.75 * fs, 2.4 * cfs, 1.1 * cfs, dpr);
      x += 2.7 * cfs;
      ctx.fillStyle = INK;
      ctx.fillText(t, x, 2.75 * fs + 0.55 * cfs);
      x += ctx.measureText(t + ' ').width;
    }
  }
  let oy = head;
  rows.forEach((r, ri) => {
    let ox = 0;
    for (const k of r) {
      const c = charts[k];
      // Two lines: the chart's name, then the numbers in the sides' colours.
      const [name, nums] = c.metric === 'diff' ? ['Right − left: ' + METRICS[ui.diffMetric][0], [[INK, $('d-diff').textContent]]]
        : [METRICS[c.metric][0], [[SIDE[0], $('v-0-' + c.metric).textContent + '  '], [SIDE[1], $('v-1-' + c.metric).textContent + '  '],
          [INK, $('d-' + c.metric).textContent]]];
      ctx.font = '700 ' + cfs + 'px system-ui, sans-serif';
      ctx.fillStyle = INK;
      ctx.fillText(name, ox + 10 * dpr, oy + 0.7 * cfs, cs[k].width - 20 * dpr);
      let nx = ox + 10 * dpr;
      for (const [col, t] of nums) {
        ctx.fillStyle = col;
        ctx.fillText(t, nx, oy + 1.9 * cfs);
        nx += ctx.measureText(t).width;
      }
      // At whole pixels, so that the picture is the chart's pixel for pixel.
      const at = [Math.round(ox), Math.round(oy + title)];
      ctx.drawImage(cs[k], at[0], at[1]);
      out.places.push(at);
      ox += cs[k].width;
    }
    oy += rowH[ri];
  });
  return out;
}
