// The teacher's charts: each of the game's series over the weeks, played by
// the class (blue, wide, drawn first) and by the model alone (orange, narrow,
// on top), so that where they coincide both stay visible — as the classroom
// page draws its two sides. Each chart's caption reads the last value of
// each, with the full number in data-value for the tests.

import { el, pct, num, money } from './dom.js';
import { PLAYED, ALONE, INK, GRID } from './palette.js';

// The game's series (web/game's Series), each a value a week.
export const SERIES = {
  outcomes: ['In a job or studies', 'Share of the young people in a job or studies'],
  alignment: ['Effort fits needs', 'How well the partners’ effort fits the young people’s needs'],
  mean_trust: ['Trust', 'Partners’ mean trust in each other'],
  members: ['Partners', 'Partners taking part'],
  cost: ['Cost', 'What the partnership has cost so far'],
};

export const charts = [];

const rem = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

// SHARES are the series and numbers that are shares of a whole.
const SHARES = new Set(['outcomes', 'participant_rate', 'mean_trust', 'alignment']);

export function fmt(key, x) {
  if (x === null || x === undefined || !isFinite(x)) return '–';
  if (key === 'outcomes' || key === 'participant_rate') return (100 * x).toFixed(1) + '%';
  if (SHARES.has(key)) return pct(x);
  if (key === 'cost') return money(x);
  return num(x);
}

export function buildCharts(box) {
  for (const key of Object.keys(SERIES)) {
    const plot = el('div', { class: 'plot', role: 'img', 'aria-label': SERIES[key][1] + ' over the weeks' });
    const pOut = el('output', { class: 'p', id: 'v-played-' + key, title: 'played by the class' });
    const aOut = el('output', { class: 'a', id: 'v-alone-' + key, title: 'the model alone' });
    const fig = el('figure', { class: 'chart', id: 'chart-' + key, 'data-points': '0' },
      el('figcaption', {}, el('span', { class: 'title', text: SERIES[key][0] }), el('span', { class: 'readout' }, pOut, aOut)),
      plot);
    box.insertBefore(fig, box.querySelector('.chart-key'));
    const font = Math.round(0.75 * rem()) + 'px system-ui, sans-serif';
    const axis = { font, stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID } };
    const y = { ...axis, size: 3.6 * rem(), values: (u, vals) => vals.map((v) => fmt(key, v)) };
    if (SHARES.has(key)) y.values = (u, vals) => vals.map((v) => Math.round(100 * v) + '%');
    if (key === 'cost') y.values = (u, vals) => vals.map((v) => (v >= 1e6 ? (v / 1e6).toFixed(v >= 1e7 ? 0 : 1) + ' M' : Math.round(v / 1e3) + ' k'));
    const opts = {
      width: 300, height: 120, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false }, y: { range: SHARES.has(key) ? () => [0, 1] : (u, lo, hi) => [0, Math.max(hi || 0, 1) * 1.1] } },
      axes: [{ ...axis, size: 1.6 * rem() }, y],
      series: [{}, { label: 'played by the class', stroke: PLAYED, width: 4, points: { show: false } },
        { label: 'the model alone', stroke: ALONE, width: 2, points: { show: false } }],
    };
    charts.push({ key, box: fig, u: new window.uPlot(opts, [[], [], []], plot) });
  }
  const ro = new ResizeObserver(resize);
  for (const c of charts) ro.observe(c.box.querySelector('.plot'));
  resize();
}

function resize() {
  for (const c of charts) {
    const p = c.box.querySelector('.plot');
    c.u.setSize({ width: Math.max(120, p.clientWidth), height: Math.max(60, p.clientHeight) });
  }
}

const last = (xs) => (xs && xs.length ? xs[xs.length - 1] : null);

export function updateCharts(played, alone) {
  played = played || {};
  alone = alone || {};
  const weeks = played.weeks || []; // the model alone steps with the game: the same weeks
  for (const c of charts) {
    const p = played[c.key] || [], a = alone[c.key] || [];
    const n = weeks.length;
    c.u.setData([weeks.slice(0, n), fill(p, n), fill(a, n)]);
    c.box.dataset.points = String(n);
    for (const [side, xs] of [['played', p], ['alone', a]]) {
      const out = document.getElementById('v-' + side + '-' + c.key);
      const v = last(xs);
      out.textContent = fmt(c.key, v);
      out.dataset.value = v === null ? '' : String(v);
    }
  }
}

function fill(xs, n) {
  const out = xs.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}
