// The two sides: each partnership's name, phase and network of partners,
// and the details of a partner under the pointer or chosen by keyboard.

import { $, SIDES, WHERE, ui, title, changedLevers, lever, leverText } from './model.js';
import { INK, MUTED, PAPER, SECTORS } from './colours.js';

const net = [{ nodes: [], labels: [], focus: -1 }, { nodes: [], labels: [], focus: -1 }]; // what each network drew, for hit tests
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

// nodes are where side's network drew each partner, and labels where it
// wrote each name (as a box, with the text written), for tests.
export function nodes(side) { return net[side].nodes.map(({ i, x, y, r }) => ({ i, x, y, r })); }
export function labels(side) { return net[side].labels.map((l) => ({ ...l })); }

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

const SMALL_WORDS = new Set(['the', 'of', 'and', 'for', 'in', 'a', 'an', 'och', 'för', 'i']);
const VOWEL = /[aeiouyåäöéüAEIOUYÅÄÖÉÜ]/;

// shortNames are a name's forms for a label: the name, the name on two
// lines, then shorter forms, longest first — the last word cut at a
// syllable with a full stop ("Malmö Univ.", "Arbetsf.", "Housing co."),
// trailing words dropped ("Ikano" for Ikano Bank; never so as to end in a
// small word, or to drop one: not "Save the" nor "Save"), and last the
// initials of its words ("SC"). A word in capitals (IKEA) is never cut.
// A label too narrow for one form takes the next; the full name is in the
// partner's details (pointer or keyboard) and in the network's
// description for a screen reader.
export function shortNames(name) {
  const out = [[name]];
  const two = lines(name);
  if (two.length === 2) out.push(two);
  const shorter = new Set();
  const words = name.split(' ').filter(Boolean);
  // A small word is an article or a preposition; a capital letter (the A of
  // Foundation A) is not.
  const small = (w) => w !== w.toUpperCase() && SMALL_WORDS.has(w.toLowerCase());
  // Cuts of a word after a consonant that a vowel follows: Found|ation,
  // Univ|ersity, comp|any; none of a word in capitals.
  const cuts = (w) => {
    const out = [];
    if (w === w.toUpperCase() || small(w)) return out;
    for (let k = w.length - 2; k >= 3; k--) {
      if (!VOWEL.test(w[k - 1]) && VOWEL.test(w[k]) && /\p{L}/u.test(w[k - 1])) out.push(w.slice(0, k) + '.');
    }
    return out;
  };
  for (let n = words.length; n >= 1; n--) {
    const kept = words.slice(0, n), dropped = words.slice(n);
    if (n < words.length && !small(kept[n - 1]) && !dropped.some(small)) shorter.add(kept.join(' '));
    // Each word of what is kept cut in turn, the others whole.
    kept.forEach((w, k) => {
      for (const c of cuts(w)) shorter.add(kept.slice(0, k).concat(c, kept.slice(k + 1)).join(' '));
    });
  }
  const initials = words.filter((w) => !small(w)).map((w) => w[0].toUpperCase()).join('');
  const forms = [...shorter].filter((f) => f !== name).sort((x, y) => y.length - x.length);
  if (initials.length >= 2) forms.push(initials);
  return out.concat(forms.map((f) => [f]));
}

function drawNetwork(side) {
  const ss = ui.snap.sides[side];
  const canvas = $('network-' + side);
  const [ctx, W, H] = fit(canvas);
  ctx.clearRect(0, 0, W, H);
  const n = ss.actors.length;
  // Names as large as the page's text: 24 px at 1280 × 720, the projector's
  // smallest; a name that does not fit its place is shortened (shortNames).
  const fs = rem();
  const size = ss.actors.map((a) => (ui.sizeBy === 'voice' ? a.voice : a.budget));
  const top = Math.max(...size, 1e-12);
  const rmax = Math.min(H / 10, 0.55 * fs);
  const shape = ringShape(W, H, fs, rmax);
  const nodes = ring(n, shape).map((p, i) => ({ ...p, i,
    r: 0.35 * rmax + 0.65 * rmax * Math.sqrt(Math.max(0, size[i]) / top) }));
  drawEdges(ctx, ss, nodes);
  if (ss.backbone > 0) drawBackbone(ctx, ss, nodes, W / 2, H / 2, fs, side);
  nodes.forEach((p) => drawNode(ctx, ss.actors[p.i], p, net[side].focus === p.i));
  net[side].labels = drawLabels(ctx, ss, nodes, fs, W, H, shape, side);
  net[side].nodes = nodes;
  const members = ss.actors.filter((a) => a.member).length;
  canvas.setAttribute('aria-label', WHERE[side] + ' side: network of ' + n + ' organisations, ' + members +
    ' taking part' + (ss.backbone > 0 ? ', with a backbone of ' + ss.backbone + ' staff' : ', no backbone') +
    ': ' + ss.actors.map((a) => a.name + (a.member ? '' : ' (not taking part)')).join(', ') +
    '. Arrow keys move between partners; Enter shows one.');
}

// ring places n nodes around an ellipse in the middle of the drawing,
// evenly by angle, clockwise from the top, so that no three partners
// stand in a line and an edge never runs through a node. Around it there
// is room for names: a line above, a line below, and a band on either
// side for the partners at the ends (where a name may take two lines), so
// that no edge runs over a name.
function ring(n, { cx, cy, a, b }) {
  const out = [];
  for (let k = 0; k < n; k++) {
    const th = Math.PI / 2 - 2 * Math.PI * (k + 0.5) / n;
    const c = Math.cos(th), s = Math.sin(th);
    out.push({ x: cx + a * c, y: cy - b * s, at: s > 0.55 ? 'above' : s < -0.55 ? 'below' : c < 0 ? 'left' : 'right' });
  }
  return out;
}

// ringShape is the ellipse the nodes stand on: the middle of the drawing,
// less a line of names above and below and a band on either side.
function ringShape(W, H, fs, rmax) {
  const lh = 1.1 * fs;
  const side = Math.min(0.3 * W, 6 * fs);
  return { cx: W / 2, cy: H / 2, a: Math.max(2 * rmax, W / 2 - side - rmax - 4), b: Math.max(rmax, H / 2 - lh - rmax - 6) };
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
function drawBackbone(ctx, ss, nodes, cx, cy, fs, side) {
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
  const s = Math.min(fs * (0.6 + 0.1 * Math.min(ss.backbone, 6)), fs);
  ctx.fillStyle = SECTORS.backbone[0];
  ctx.fillRect(cx - s / 2, cy - s / 2, s, s);
  // Its name under it, where no partner stands; else the square alone
  // (the network's description and the Info panel's key name it).
  ctx.font = '700 ' + fs + 'px system-ui, sans-serif';
  const w = ctx.measureText('backbone').width, top = cy + s / 2 + 2;
  const hit = nodes.some((p) => p.x + p.r > cx - w / 2 - 2 && p.x - p.r < cx + w / 2 + 2 && p.y + p.r > top && p.y - p.r < top + 1.1 * fs);
  net[side].backboneLabel = !hit;
  if (hit) return;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  halo(ctx, 'backbone', cx, top, INK);
  ctx.textAlign = 'left';
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

// drawLabels writes each name at 1 rem beside its node, outside the ring,
// on a white halo, where placeLabels put it.
function drawLabels(ctx, ss, nodes, fs, W, H, shape, side) {
  ctx.font = '600 ' + fs + 'px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const key = [W, H, fs, ss.actors.map((a) => a.name).join('|'), nodes.map((p) => Math.round(p.r)).join(',')].join(';');
  if (net[side].labelKey !== key) {
    net[side].placed = placeLabels(ctx, ss, nodes, fs, W, H, shape);
    net[side].labelKey = key;
  }
  const lh = 1.1 * fs;
  for (const d of net[side].placed) {
    const p = nodes.find((q) => q.i === d.i);
    if (d.lead) {
      ctx.strokeStyle = MUTED;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(Math.max(d.l, Math.min(d.r, p.x)), d.t < p.y ? d.b : d.t);
      ctx.lineTo(p.x, p.y + (d.t < p.y ? -p.r : p.r));
      ctx.stroke();
    }
    d.form.forEach((l, k) => halo(ctx, l, d.l + 1, d.t + lh * (k + 0.5), ss.actors[d.i].member ? INK : MUTED));
  }
  return net[side].placed.map(({ l, t, r, b, i, form }) => ({ i, l, t, r, b, text: form.join(' '), lines: form.length,
    full: form.length === 2 || form[0] === ss.actors[i].name })); // two lines are the whole name (shortNames)
}

// placeLabels finds a place and a form for every name. A label may go
// just above or below its node, or beside it, away from the middle, or
// failing those anywhere along the drawing's top or bottom edge with a
// thin line to its node; it must lie inside the drawing, outside the ring
// (where the edges and the backbone are) and clear of the nodes and the
// labels placed before it. The forms are the name's (shortNames) that no
// other partner's name shares. All names are placed with the longest
// forms no wider than a cap, the widest names first; if one finds no
// place, the cap comes down and they are placed again, so that the
// shortening falls on the longest names and every name gets a place.
function placeLabels(ctx, ss, nodes, fs, W, H, shape) {
  const lh = fs * 1.1;
  const taken = nodes.map((p) => ({ l: p.x - p.r - 2, t: p.y - p.r - 2, r: p.x + p.r + 2, b: p.y + p.r + 2 }));
  const { cx, cy, a, b } = shape;
  const inside = (bx) => {
    const x = Math.max(bx.l, Math.min(bx.r, cx)), y = Math.max(bx.t, Math.min(bx.b, cy));
    return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 < 0.8;
  };
  const places = (p, w, h, leads) => {
    const out = [];
    const beside = (d) => {
      const x = d < 0 ? p.x - p.r - 4 - w : p.x + p.r + 4;
      for (const dy of [0, -0.5, 0.5]) out.push({ l: x, t: p.y - h / 2 + dy * h, r: x + w, b: p.y + h / 2 + dy * h });
    };
    const over = (dir) => {
      for (const y of dir < 0 ? [p.y - p.r - 3 - h, p.y - p.r - 3 - h - lh / 2] : [p.y + p.r + 3, p.y + p.r + 3 + lh / 2]) {
        for (const dx of [0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75]) {
          const x = Math.max(1, Math.min(W - w - 1, p.x - w / 2 + dx * w));
          out.push({ l: x, t: y, r: x + w, b: y + h });
        }
      }
    };
    const away = p.x < W / 2 ? -1 : 1;
    if (p.at === 'above') { over(-1); beside(away); } else if (p.at === 'below') { over(1); beside(away); } else { beside(away); over(p.y < H / 2 ? -1 : 1); }
    if (!leads) return out;
    const t = p.y < H / 2 ? 1 : H - h - 1; // the edge on the node's side, within three names' width of it
    const row = [];
    for (let x = 1; x + w <= W - 1; x += fs / 4) {
      if (Math.abs(x + w / 2 - p.x) <= 3 * fs) row.push({ l: x, t, r: x + w, b: t + h, lead: true });
    }
    return out.concat(row.sort((u, v) => Math.abs(u.l + w / 2 - p.x) - Math.abs(v.l + w / 2 - p.x)));
  };
  const forms = nodes.map((p) => shortNames(ss.actors[p.i].name));
  const unique = (f, i) => !forms.some((g, j) => j !== i && ss.actors[j].name !== ss.actors[i].name && g.some((x) => x.join(' ') === f.join(' ')));
  const sized = nodes.map((p) => forms[p.i].filter((f) => unique(f, p.i)).map((form) => ({ form, w: Math.max(...form.map((l) => ctx.measureText(l).width)) + 2 })));
  const order = nodes.slice().sort((u, v) => sized[v.i][0].w - sized[u.i][0].w);
  const attempt = (cap, leads) => {
    const placed = [];
    const clear = (bx) => bx.l >= 0 && bx.r <= W && bx.t >= 0 && bx.b <= H && !inside(bx) &&
      !placed.some((o) => bx.l < o.r && bx.r > o.l && bx.t < o.b && bx.b > o.t) &&
      !taken.some((o) => bx.l < o.r && bx.r > o.l && bx.t < o.b && bx.b > o.t);
    for (const p of order) {
      const fits = sized[p.i].filter((f) => f.w <= cap);
      let done = null;
      for (const f of fits.length ? fits : sized[p.i].slice(-1)) {
        const bx = places(p, f.w, lh * f.form.length, leads).find(clear);
        if (bx) { done = { ...bx, form: f.form, i: p.i }; break; }
      }
      if (!done) return null;
      placed.push(done);
    }
    return placed;
  };
  // Shorter names beside their nodes are better than long ones on a line.
  const widest = Math.max(...sized.map((f) => f[0].w));
  for (const leads of [false, true]) {
    for (let cap = widest; cap > fs; cap -= fs / 2) {
      const placed = attempt(cap, leads);
      if (placed) return placed;
    }
  }
  // Nowhere for them all (a drawing too small for its partners): the
  // shortest forms just above their nodes.
  return nodes.map((p) => {
    const f = sized[p.i].slice(-1)[0];
    const l = Math.max(1, Math.min(W - f.w - 1, p.x - f.w / 2)), t = Math.max(0, p.y - p.r - 3 - lh);
    return { l, t, r: l + f.w, b: t + lh, form: f.form, i: p.i };
  });
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
