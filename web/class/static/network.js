// The partnership's network on the teacher's screen, drawn as the classroom
// page draws it (web/static/sides.js): the organisations on a ring, clockwise
// from the top, filled by sector and outlined in ink (dashed when not taking
// part); a line between two members as thick and dark as their mean trust.
// A role a student plays has a second ring round it.

import { INK, MUTED, PAPER, SECTORS } from './palette.js';

export function fit(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return [ctx, canvas.clientWidth, canvas.clientHeight];
}

const rem = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

// label breaks a name for its place: one line if it fits, else two lines
// at the space nearest the middle, else its first words, else its
// initials; the full name is in the canvas's description.
function label(ctx, name, room) {
  const fits = (t) => ctx.measureText(t).width <= room;
  if (fits(name)) return [name];
  const words = name.split(' ');
  let best = -1;
  for (let k = 1; k < words.length; k++) {
    const l1 = words.slice(0, k).join(' '), l2 = words.slice(k).join(' ');
    if (fits(l1) && fits(l2) && (best < 0 || Math.abs(l1.length - l2.length) < Math.abs(words.slice(0, best).join(' ').length - words.slice(best).join(' ').length))) best = k;
  }
  if (best > 0) return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
  for (let k = 1; k <= name.length; k++) {
    const cut = name.slice(0, name.length - k) + '.';
    if (fits(cut)) return [cut];
  }
  return [words.map((w) => w[0]).join('').toUpperCase()];
}

// mean is the mean trust of a pair, from a square matrix (rows trust columns).
export function pairTrust(trust, i, j) {
  const a = trust[i] && trust[i][j], b = trust[j] && trust[j][i];
  return ((isFinite(a) ? a : 0) + (isFinite(b) ? b : 0)) / 2;
}

// draw returns where each node went, for tests.
export function draw(canvas, net, held) {
  const [ctx, W, H] = fit(canvas);
  ctx.clearRect(0, 0, W, H);
  const actors = net.actors || [];
  const trust = net.trust || [];
  const n = actors.length;
  if (!n) return [];
  const fs = 0.8 * rem();
  ctx.font = '600 ' + fs + 'px system-ui, sans-serif';
  const labelRoom = Math.min(W * 0.22, 10 * fs);
  const r = Math.max(6, Math.min(H / 14, 0.6 * fs));
  const a = Math.max(2 * r, W / 2 - labelRoom - r - 8), b = Math.max(r, H / 2 - 2.4 * fs - r);
  const nodes = actors.map((_, k) => {
    const th = Math.PI / 2 - 2 * Math.PI * (k + 0.5) / n;
    return { i: k, x: W / 2 + a * Math.cos(th), y: H / 2 - b * Math.sin(th), c: Math.cos(th), s: Math.sin(th), r };
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!actors[i].member || !actors[j].member) continue;
      const t = pairTrust(trust, i, j);
      ctx.strokeStyle = 'rgba(17,17,17,' + (0.15 + 0.75 * t).toFixed(3) + ')';
      ctx.lineWidth = 0.5 + 8 * t * t;
      ctx.beginPath();
      ctx.moveTo(nodes[i].x, nodes[i].y);
      ctx.lineTo(nodes[j].x, nodes[j].y);
      ctx.stroke();
    }
  }
  for (const p of nodes) drawNode(ctx, actors[p.i], p, held.has(actors[p.i].id));
  ctx.textBaseline = 'middle';
  const lh = 1.1 * fs;
  for (const p of nodes) {
    const act = actors[p.i];
    const lines = label(ctx, act.name || act.id, labelRoom);
    let x = p.x, y = p.y - (lines.length - 1) * lh / 2;
    if (p.s > 0.6) { ctx.textAlign = 'center'; y = p.y - p.r - 4 - (lines.length - 0.5) * lh; } else if (p.s < -0.6) { ctx.textAlign = 'center'; y = p.y + p.r + 4 + 0.5 * lh; } else if (p.c < 0) { ctx.textAlign = 'right'; x -= p.r + 6; } else { ctx.textAlign = 'left'; x += p.r + 6; }
    lines.forEach((t, k) => halo(ctx, t, x, y + k * lh, act.member ? INK : MUTED));
  }
  ctx.textAlign = 'left';
  return nodes;
}

function drawNode(ctx, act, p, held) {
  ctx.beginPath();
  ctx.arc(p.x, p.y, p.r, 0, 2 * Math.PI);
  ctx.setLineDash(act.member ? [] : [4, 3]);
  ctx.fillStyle = act.member ? (SECTORS[act.kind] || ['#888'])[0] : PAPER;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = INK;
  ctx.stroke();
  ctx.setLineDash([]);
  if (held) {
    ctx.beginPath();
    ctx.arc(p.x, p.y, p.r + 4, 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.stroke();
  }
}

function halo(ctx, text, x, y, colour) {
  ctx.lineWidth = 4;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

// describe is the network in words, for a screen reader.
export function describe(net, held) {
  const actors = net.actors || [];
  const members = actors.filter((a) => a.member).length;
  const each = actors.map((a, i) => {
    const others = actors.map((_, j) => j).filter((j) => j !== i && a.member && actors[j].member);
    const t = others.length ? others.reduce((s, j) => s + pairTrust(net.trust || [], i, j), 0) / others.length : NaN;
    return (a.name || a.id) + (a.member ? '' : ' (not taking part)') + (held.has(a.id) ? ', played by a student' : '') +
      (isFinite(t) ? ', mean trust ' + Math.round(100 * t) + '%' : '');
  });
  return 'Network of ' + actors.length + ' organisations, ' + members + ' taking part: ' + each.join('; ') + '.';
}
