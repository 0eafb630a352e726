// The Info panel, in NetLogo's manner: what the model is, how it works,
// how to use the page, things to notice and to try, the phases defined
// (with the run's own thresholds), and the colours and marks; with the
// young people of each side as dots.

import { $, ui, SIDES, WHERE } from './model.js';
import { SIDE, SECTORS, STATES, DOTS_GROUND, GROUP_MARKS } from './colours.js';
import { fit, labels } from './sides.js';
import { swatch, drawSwatches } from './bands.js';

const SECTIONS = [
  ['What is it?', `Two partnerships that try to get young people who neither work nor study into a job or
    studies, side by side: by default isolated impact (each organisation funded and judged alone) on the left and
    collective impact (Kania & Kramer 2011: a common agenda, shared measurement, mutually reinforcing activities,
    continuous communication and a backbone) on the right. Both face the same young people and the same partners,
    drawn from the same seed, so any difference comes from the design.`],
  ['How it works', `Each week the partners' leaders may meet; meeting builds trust, and trust fades between
    meetings. Partners spend their staff hours on what they are judged on, or, once a plan is agreed, on the common
    agenda. Money comes in funding rounds; a backbone organisation coordinates and handles the data. Young people are
    reached, enrolled, progress, and reach a job or studies or drop out. A partner whose stay costs more than it is
    worth leaves. This is the cisim engine itself, compiled for the browser: docs/MODEL.md describes every rule.`],
  ['How to use it', `Press Play, or Step a week at a time; Go to jumps to a year. Levers opens the designs and
    their levers: at week 0 a change restarts both runs, during a run it changes the design from that week on and
    the charts mark it. Lessons are guided: predict, run, and read what happened. Point at or click a partner for its
    details. Right − left charts the difference of the measure you pick.`],
  ['Things to notice', `When does trust reach the dashed line, the trust a plan needs? Which events come before a
    partner leaves? Where the two lines are close, what does the difference chart show? Does one run's difference
    hold over many runs (Levers → Run a quick Monte Carlo)?`],
  ['Things to try', `Remove the backbone in year three. Stop the meetings. Promise the money for one year only.
    Let money set the agenda. Let the young people co-design. Make the partners' values far apart. Try another world
    (seed) and see whether the same design still wins.`],
];

// PHASES are docs/MODEL.md §7.12: when each is entered and what it changes.
const PHASES = [
  ['initiation', 'the start, and when a common agenda is dropped', 'no plan: no joint hours, pooled money waits'],
  ['run', 'a plan is agreed: every member consents and their mean trust is at least the threshold', 'the plan is in force: committed hours, pooled money paid'],
  ['redesign', 'the plan is opened for review', 'the agenda moves again; more young people are heard'],
  ['exponential', 'a revised plan is agreed, results grew two years running and new practices spread', 'the approach reaches new young people as they come'],
];

export function buildInfo() {
  const body = $('info-body');
  for (const [h, t] of SECTIONS) {
    const s = document.createElement('section');
    s.append(heading(h), para(t.replace(/\s+/g, ' ')));
    body.append(s);
  }
  const ph = document.createElement('section');
  ph.append(heading('Phases'));
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th scope="col">phase</th><th scope="col">entered when</th><th scope="col">what it changes</th></tr></thead><tbody></tbody>';
  for (const row of PHASES) {
    const tr = document.createElement('tr');
    for (const c of row) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
    table.tBodies[0].append(tr);
  }
  ph.append(table, Object.assign(para(''), { id: 'info-threshold' }));
  body.append(ph, legend(), youngPeople());
  $('open-info').addEventListener('click', () => { $('info').showModal(); showInfo(); });
  ui.listeners.push(() => { if ($('info').open) showInfo(); });
}

function heading(t) { return Object.assign(document.createElement('h3'), { textContent: t }); }
function para(t) { return Object.assign(document.createElement('p'), { textContent: t }); }

function legend() {
  const s = document.createElement('section');
  s.append(heading('Colours and marks'));
  const sides = para('');
  sides.innerHTML = SIDES.map((k) => '<span class="swatch" data-colour="' + SIDE[k] + '"></span>' + WHERE[k].toLowerCase() + ' side').join(' ') +
    '; on the charts the left line is wide and the right narrow, so both show where they meet.';
  // The bands' key: swatches painted as the charts paint the bands.
  const bands = para('After many runs (a Monte Carlo, under Levers): ');
  bands.id = 'info-bands';
  bands.append(swatch(0), " the left's band is filled, ", swatch(1),
    " the right's hatched, each outlined in its colour, so where they overlap both show. A band holds 90% of the runs, its deeper middle" +
    ' (cross-hatched on the right) 50%; the dashed line is their median. The right − left chart is hatched where the right is higher, filled where the left is.');
  const sectors = para('Partners by sector: ');
  sectors.innerHTML += Object.values(SECTORS).map(([c, n]) => '<span class="swatch round" data-colour="' + c + '"></span>' + n).join(' ') +
    '. Size: budget (or say in the agenda, under Levers). Lines: trust between two partners. Dashed: not taking part. The black square in the middle is the backbone.';
  const marks = para('Marks on the charts and in the feed: ' + Object.values(GROUP_MARKS).map(([m, w]) => m + ' ' + w).join(', ') +
    '; on the trust chart also ✕ a conflict, on the chart of young people in a job or studies + a new way of working taken up or dropped' +
    ' (the feed counts these); the dashed line on the trust chart is the trust a plan needs, with its percentage.');
  s.append(sides, bands, sectors, Object.assign(para(''), { id: 'info-names' }), marks);
  for (const sw of s.querySelectorAll('[data-colour]')) sw.style.background = sw.dataset.colour;
  return s;
}

function youngPeople() {
  const s = document.createElement('section');
  s.append(heading('The young people'));
  const key = para('');
  key.innerHTML = STATES.map(([c, n]) => '<span class="swatch round" data-colour="' + c + '"></span>' + n).join(' ');
  for (const sw of key.querySelectorAll('[data-colour]')) sw.style.background = sw.dataset.colour;
  s.append(key);
  for (const side of SIDES) {
    const c = document.createElement('canvas');
    c.className = 'dots';
    c.id = 'dots-' + side;
    c.setAttribute('role', 'img');
    s.append(Object.assign(para(''), { id: 'dots-text-' + side }), c);
  }
  return s;
}

function showInfo() {
  const snap = ui.snap;
  drawSwatches($('info'));
  const t = snap.sides.map((ss, k) => WHERE[k].toLowerCase() + ' ' + Math.round(100 * ss.agreeTrust) + '%');
  $('info-threshold').textContent = 'In this world a plan needs a mean trust of ' + (t[0].split(' ')[1] === t[1].split(' ')[1] ? t[0].split(' ')[1] : t.join(', ')) +
    ' (drawn for each world from the range the sources allow; docs/MODEL.md §7.3).';
  // The names the networks shortened to fit, with the whole names.
  const short = new Map();
  for (const side of SIDES) {
    for (const l of labels(side)) if (!l.full) short.set(l.text, snap.sides[side].actors[l.i].name);
  }
  $('info-names').textContent = short.size ? 'Names shortened on the networks to fit the screen: ' +
    [...short].map(([k, v]) => k + ' ' + v).join(', ') + '. Point at a partner, or move to it with the arrow keys, for its whole name and details.' : '';
  for (const side of SIDES) {
    const ss = snap.sides[side];
    $('dots-text-' + side).textContent = WHERE[side] + ' (' + ss.title + '): ' + STATES.map(([, n], k) => ss.counts[k] + ' ' + n).join(', ');
    drawDots($('dots-' + side), ss);
  }
}

function drawDots(canvas, ss) {
  const [ctx, W, H] = fit(canvas);
  ctx.fillStyle = DOTS_GROUND;
  ctx.fillRect(0, 0, W, H);
  const N = ss.states.length;
  const cols = Math.max(1, Math.ceil(Math.sqrt(N * W / H)));
  const rows = Math.ceil(N / cols);
  const cell = Math.min(W / cols, H / rows);
  const r = Math.max(0.8, cell * 0.4);
  const ox = (W - cols * cell) / 2, oy = (H - rows * cell) / 2;
  for (let k = 0; k < STATES.length; k++) {
    ctx.fillStyle = STATES[k][0];
    ctx.beginPath();
    for (let b = 0; b < N; b++) {
      if (ss.states.charCodeAt(b) - 48 !== k) continue;
      const x = ox + (b % cols + 0.5) * cell, y = oy + (Math.floor(b / cols) + 0.5) * cell;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  canvas.setAttribute('aria-label', N + ' young people: ' + STATES.map(([, name], k) => ss.counts[k] + ' ' + name).join(', '));
}
