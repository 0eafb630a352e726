// The two sides: each partnership's name, phase and network of partners,
// and the details of a partner under the pointer or chosen by keyboard.

import { $, SIDES, WHERE, ui, title, changedLevers, lever, leverText } from './model.js';
import { INK, MUTED, PAPER, SECTORS } from './colours.js';

const net = [{ nodes: [], focus: -1 }, { nodes: [], focus: -1 }]; // what each network drew, for hit tests
let pinned = null; // [side, actor] of the details shown, or null

export function buildSides() {
  for (const side of SIDES) {
    const art = $('side-' + side);
    art.append($('side-template').content.cloneNode(true));
    art.querySelector('.side-title').id = 'side-' + side + '-title';
    art.querySelector('.where').textContent = WHERE[side] + ':';
    const canvas = art.querySelector('canvas.network');
    canvas.id = 'network-' + side;
    bindNetwork(side, canvas);
  }
  new ResizeObserver(() => { if (ui.snap) SIDES.forEach(drawNetwork); }).observe($('sides'));
  ui.listeners.push(showSides);
}

// showSides writes each side's heading and phase and draws its network.
function showSides(snap) {
  for (const side of SIDES) {
    const ss = snap.sides[side];
    const art = $('side-' + side);
    art.querySelector('.name').textContent = ss.title;
    art.querySelector('.side-title').title = WHERE[side] + ': ' + ss.title;
    art.querySelector('.changed').textContent = changedText(ss);
    art.querySelector('.changed').title = changedList(ss);
    art.dataset.phase = ss.phase;
    art.querySelector('.phase-name').textContent = ss.phase;
    const since = lastEntered(side, ss.phase);
    art.querySelector('.phase-name').title = 'in the ' + ss.phase + ' phase since week ' + since;
    drawNetwork(side);
  }
  if (pinned) showDetails(pinned[0], pinned[1]);
}

// changedText says that a design's levers were changed (its title must
// not pass for the scenario's own); the heading's tooltip and the network's
// description say which.
function changedText(ss) {
  const keys = changedLevers(ss.config);
  return keys.length ? ' changed' : '';
}

function changedList(ss) {
  return changedLevers(ss.config).map((k) => lever(k).label + ': ' + leverText(lever(k), ss.config.levers[k])).join('; ');
}

// lastEntered is the week a side last entered a phase: its latest phase
// event, or 0 for initiation never left.
function lastEntered(side, phase) {
  const evs = ui.events[side];
  for (let i = evs.length - 1; i >= 0; i--) {
    if (evs[i].kind === 'phase' && evs[i].text.includes(' ' + phase + ' phase')) return evs[i].week;
  }
  return 0;
}

// fit sizes a canvas's drawing buffer to its size on screen.
export function fit(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return [ctx, canvas.clientWidth, canvas.clientHeight];
}

// nodes are where side's network drew each partner, for tests.
export function nodes(side) { return net[side].nodes.map(({ i, x, y, r }) => ({ i, x, y, r })); }

export function rem() { return parseFloat(getComputedStyle(document.documentElement).fontSize); }

// lines breaks a name for a label of at most two short lines, at a space
// nearest the middle, or in a long single word with a hyphen, so that no
// name is cut.
export function lines(name) {
  if (name.length <= 11) return [name];
  const mid = name.length / 2;
  let best = -1;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  }
  if (best > 0) return [name.slice(0, best), name.slice(best + 1)];
  const cut = Math.ceil(mid);
  return [name.slice(0, cut) + '-', name.slice(cut)];
}

function drawNetwork(side) {
  const ss = ui.snap.sides[side];
  const canvas = $('network-' + side);
  const [ctx, W, H] = fit(canvas);
  ctx.clearRect(0, 0, W, H);
  const n = ss.actors.length;
  const fs = Math.round(Math.min(0.75 * rem(), W / 24)); // names shrink a little in a narrow drawing
  const size = ss.actors.map((a) => (ui.sizeBy === 'voice' ? a.voice : a.budget));
  const top = Math.max(...size, 1e-12);
  const rmax = Math.min(H / 9, 0.9 * fs);
  const nodes = ringOfRows(n, W, H, fs, rmax).map((p, i) => ({ ...p, i,
    r: 0.3 * rmax + 0.7 * rmax * Math.sqrt(Math.max(0, size[i]) / top) }));
  drawEdges(ctx, ss, nodes);
  if (ss.backbone > 0) drawBackbone(ctx, ss, nodes, W / 2, H / 2, fs);
  nodes.forEach((p) => drawNode(ctx, ss.actors[p.i], p, net[side].focus === p.i));
  drawLabels(ctx, ss, nodes, fs, W, H);
  net[side].nodes = nodes;
  const members = ss.actors.filter((a) => a.member).length;
  canvas.setAttribute('aria-label', WHERE[side] + ' side: network of ' + n + ' organisations, ' + members +
    ' taking part' + (ss.backbone > 0 ? ', with a backbone of ' + ss.backbone + ' staff' : ', no backbone') +
    '. Arrow keys move between partners; Enter shows one.');
}

// ringOfRows places n nodes as a ring flattened to suit a wide, low
// drawing: a row along the top, one node at the right, a row along the
// bottom from right to left, one at the left. Names go above the top row,
// below the bottom one and inward beside the two at the ends, where there
// is room for two short lines each.
function ringOfRows(n, W, H, fs, rmax) {
  const ends = n >= 9 ? 2 : n >= 7 ? 1 : 0; // nodes at each end
  const topN = Math.ceil((n - 2 * ends) / 2), botN = n - 2 * ends - topN;
  const band = 2 * fs * 1.02 + 2;
  const yTop = Math.min(H / 2 - rmax, band + rmax), yBot = Math.max(H / 2 + rmax, H - band - rmax);
  const x0 = ends ? 3 * rmax : 0, x1 = ends ? W - 3 * rmax : W;
  const row = (k, m) => x0 + (x1 - x0) * (k + 0.5) / m;
  const end = (k) => yTop + (yBot - yTop) * (k + 1) / (ends + 1);
  const out = [];
  for (let k = 0; k < topN; k++) out.push({ x: row(k, topN), y: yTop, at: 'above' });
  // With two at an end, the upper one's name rises from it and the lower
  // one's hangs below it, so the two never overlap.
  const v = (k) => (ends < 2 ? 'mid' : k === 0 ? 'up' : 'down');
  for (let k = 0; k < ends; k++) out.push({ x: W - rmax - 2, y: end(k), at: 'left', v: v(k) });
  for (let k = 0; k < botN; k++) out.push({ x: row(botN - 1 - k, botN), y: yBot, at: 'below' });
  for (let k = ends - 1; k >= 0; k--) out.push({ x: rmax + 2, y: end(k), at: 'right', v: v(k) });
  return out;
}

// drawEdges draws the mean trust of each pair of members as a line: the
// thicker and darker, the more they trust each other.
function drawEdges(ctx, ss, nodes) {
  const n = ss.actors.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!ss.actors[i].member || !ss.actors[j].member) continue;
      const t = (ss.trust[i * n + j] + ss.trust[j * n + i]) / 2;
      ctx.strokeStyle = 'rgba(17,17,17,' + (0.15 + 0.75 * t).toFixed(3) + ')';
      ctx.lineWidth = 0.5 + 8 * t * t;
      ctx.beginPath();
      ctx.moveTo(nodes[i].x, nodes[i].y);
      ctx.lineTo(nodes[j].x, nodes[j].y);
      ctx.stroke();
    }
  }
}

// drawBackbone draws the backbone organisation in the middle, tied to every
// member by the coordination it covers.
function drawBackbone(ctx, ss, nodes, cx, cy, fs) {
  ctx.setLineDash([3, 4]);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = INK;
  for (const p of nodes) {
    if (!ss.actors[p.i].member) continue;
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const s = fs * (0.6 + 0.1 * Math.min(ss.backbone, 6));
  ctx.fillStyle = SECTORS.backbone[0];
  ctx.fillRect(cx - s / 2, cy - s / 2, s, s);
  ctx.font = '700 ' + fs + 'px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  halo(ctx, 'backbone', cx, cy + s / 2 + 2, INK);
}

function drawNode(ctx, a, p, focused) {
  ctx.beginPath();
  ctx.arc(p.x, p.y, p.r, 0, 2 * Math.PI);
  ctx.setLineDash(a.member ? [] : [4, 3]);
  ctx.fillStyle = a.member ? (SECTORS[a.sector] || ['#888'])[0] : PAPER;
  ctx.fill();
  ctx.lineWidth = a.member ? 2 : 2.5;
  ctx.strokeStyle = INK;
  ctx.stroke();
  ctx.setLineDash([]);
  if (focused) {
    ctx.beginPath();
    ctx.arc(p.x, p.y, p.r + 5, 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.stroke();
  }
}

// drawLabels writes each name beside its node, away from the middle, on a
// white halo so that no edge runs over it; a label that would overlap one
// already written moves further out.
function drawLabels(ctx, ss, nodes, fs, W, H) {
  ctx.font = '600 ' + fs + 'px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const lh = fs * 1.02;
  for (const p of nodes) {
    const a = ss.actors[p.i];
    const ls = lines(a.name);
    const tw = Math.max(...ls.map((l) => ctx.measureText(l).width));
    const th = lh * ls.length;
    let x = p.x - tw / 2, y;
    if (p.at === 'above') y = p.y - p.r - 2 - th;
    else if (p.at === 'below') y = p.y + p.r + 2;
    else {
      y = p.v === 'up' ? p.y + lh / 2 - th : p.v === 'down' ? p.y - lh / 2 : p.y - th / 2;
      x = p.at === 'right' ? p.x + p.r + 4 : p.x - p.r - 4 - tw;
    }
    x = Math.max(1, Math.min(W - tw - 1, x));
    y = Math.max(0, Math.min(H - th, y));
    ls.forEach((l, k) => halo(ctx, l, x, y + lh * (k + 0.5), a.member ? INK : MUTED));
  }
}

// halo writes text on a white outline of itself.
function halo(ctx, text, x, y, colour) {
  ctx.lineWidth = 4;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

// ---- a partner's details ----

function bindNetwork(side, canvas) {
  const hit = (ev) => {
    const b = canvas.getBoundingClientRect();
    const x = ev.clientX - b.left, y = ev.clientY - b.top;
    return net[side].nodes.find((p) => (p.x - x) ** 2 + (p.y - y) ** 2 <= (p.r + 6) ** 2);
  };
  canvas.addEventListener('mousemove', (ev) => {
    const p = hit(ev);
    canvas.style.cursor = p ? 'pointer' : 'default';
    if (p && !pinned) showDetails(side, p.i);
  });
  canvas.addEventListener('click', (ev) => {
    const p = hit(ev);
    if (p) { pinned = [side, p.i]; showDetails(side, p.i); }
  });
  canvas.addEventListener('keydown', (ev) => {
    const n = ui.snap ? ui.snap.sides[side].actors.length : 0;
    if (!n) return;
    const f = net[side].focus;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') net[side].focus = (f + 1) % n;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') net[side].focus = (f - 1 + n) % n;
    else if ((ev.key === 'Enter' || ev.key === ' ') && f >= 0) { pinned = [side, f]; showDetails(side, f); }
    else if (ev.key === 'Escape') { closeDetails(); return; }
    else return;
    ev.preventDefault();
    drawNetwork(side);
    if (net[side].focus >= 0) showDetails(side, net[side].focus);
  });
  canvas.addEventListener('blur', () => { net[side].focus = -1; if (ui.snap) drawNetwork(side); });
}

const pct = (x) => Math.round(100 * x) + '%';

// showDetails describes partner i of a side in the story panel.
export function showDetails(side, i) {
  const a = ui.snap.sides[side].actors[i];
  const box = $('details');
  const sector = (SECTORS[a.sector] || [null, a.sector])[1];
  const kpi = a.kpi.map((w, d) => [w, ui.cat.domains[d].replace('_', ' ')]).sort((x, y) => y[0] - x[0]).slice(0, 2);
  const rows = [
    ['Sector', sector + (a.member ? '' : ', not taking part')],
    ['Budget', 'SEK ' + (a.budget / 1e6).toFixed(1) + ' million a year'],
    ['Staff', a.staff.toFixed(1) + ' full-time'],
    ['Say in the agenda', pct(a.voice)],
    ['Its trust in the others', pct(a.trustOut)],
    ["The others' trust in it", pct(a.trustIn)],
    ['Commitment', pct(a.commitment)],
    ['Young people it hosts', String(a.enrolled)],
    ['Judged on', kpi.map(([w, d]) => d + ' ' + pct(w)).join(', ')],
    ['Values', a.values.map((v, k) => valueWords(k, v)).join(', ')],
  ];
  box.replaceChildren();
  const h = document.createElement('h2');
  h.id = 'details-title';
  h.textContent = a.name + ' (' + WHERE[side].toLowerCase() + ')';
  const dl = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', closeDetails);
  box.append(h, dl, close);
  box.hidden = false;
  box.dataset.side = String(side);
  box.dataset.actor = String(i);
}

// valueWords says where a partner stands on a value dimension.
function valueWords(k, v) {
  const ends = [['efficiency first', 'the young person first'], ['short term', 'long term'], ['market logic', 'public logic']][k];
  return ends ? (v >= 0.5 ? ends[1] : ends[0]) + ' ' + pct(v >= 0.5 ? v : 1 - v) : ui.cat.valueNames[k] + ' ' + pct(v);
}

export function closeDetails() {
  pinned = null;
  $('details').hidden = true;
}
