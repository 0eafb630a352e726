// Running: play, pause, step, reset, the speed, jumping to a year, and
// replaying a history (a start, design changes at their weeks, a week),
// which a shared link and jumping back both need.

import { $, ui, call, apply, status, SIDES } from './model.js';

export const SPEEDS = [1, 2, 4, 8, 16, 26, 52, 104]; // weeks a second

let acc = 0, last = 0;
// plan is a run to a week that a lesson's step asked for: the week, the
// design changes on the way ({week, action}, in order) and what follows.
// Pausing keeps it, so Play goes on with it; cancelRun drops it.
let plan = null;

// failed stops whatever was running after a call into the model threw,
// so play does not stop silently with its button stuck, and says why.
export function failed(e) {
  setPlaying(false);
  plan = null;
  for (const f of ui.onFail || []) f();
  status((e && e.message) || String(e), true);
}

// safely wraps an event handler so its errors reach the status line.
export function safely(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      failed(e);
      return undefined;
    }
  };
}

export function setPlaying(on) {
  ui.playing = on;
  const b = $('play');
  b.setAttribute('aria-pressed', String(on));
  b.textContent = on ? '❚❚ Pause' : '▶ Play';
  if (on) {
    if (!plan && ui.snap.week >= ui.snap.weeks) apply(call('reset'));
    last = 0;
    acc = 0;
    requestAnimationFrame(frame);
    status('Playing at ' + SPEEDS[Number($('speed').value)] + ' weeks a second' + (plan ? ' to week ' + plan.week : '') + '.');
  } else if (ui.snap && !$('status').classList.contains('error')) {
    status('Paused at week ' + ui.snap.week + '.');
  }
  for (const f of ui.onPlay || []) f(on);
}

// runTo plays on to week w at the chosen speed, making the changes in
// stops at their weeks, then calls then().
export function runTo(w, then, stops = []) {
  prepare(w, then, stops);
  setPlaying(true);
}

// prepare sets up a run to week w as runTo does, paused: Play goes on with
// it (a link opened in the middle of a lesson's run).
export function prepare(w, then, stops = []) {
  plan = { week: w, then, stops: stops.slice() };
}

// cancelRun drops a run to a week.
export function cancelRun() { plan = null; }

// running reports whether a run to a week is under way (or paused).
export function running() { return plan !== null; }

// goal is the week to stop at next.
function goal() {
  if (!plan) return ui.snap.weeks;
  return plan.stops.length ? Math.min(plan.stops[0].week, plan.week) : plan.week;
}

// reached makes the changes due and, at the end of a run to a week, stops
// and calls what follows; it reports whether the run is over.
function reached() {
  if (!plan) return false;
  while (plan.stops.length && ui.snap.week >= plan.stops[0].week) plan.stops.shift().action();
  if (ui.snap.week < plan.week) return false;
  const then = plan.then;
  plan = null;
  setPlaying(false);
  then();
  return true;
}

function frame(ts) {
  if (!ui.playing) return;
  const dt = last ? Math.min(0.25, (ts - last) / 1000) : 0;
  last = ts;
  acc += dt * SPEEDS[Number($('speed').value)];
  const n = Math.min(Math.floor(acc), ui.cat.limits.maxStep, goal() - ui.snap.week);
  try {
    if (n > 0) {
      acc -= n;
      step(n);
    }
    if (reached()) return;
  } catch (e) {
    failed(e);
    return;
  }
  if (!plan && ui.snap.week >= ui.snap.weeks) {
    setPlaying(false);
    status('The run has reached its horizon. Reset, or run many runs (Levers) to see the spread.');
    return;
  }
  requestAnimationFrame(frame);
}

// finish runs at once to the end of a run to a week, without the animation.
export function finish() {
  if (!plan) return;
  setPlaying(false);
  while (plan) {
    const before = ui.snap.week;
    stepTo(goal());
    if (!reached() && plan && ui.snap.week === before && !plan.stops.length) plan = null; // past the horizon
  }
}

export function step(n) {
  if (ui.snap.week >= ui.snap.weeks) return;
  apply(call('step', n));
}

// stepTo steps at once to week w (forwards only).
export function stepTo(w) {
  while (ui.snap.week < Math.min(w, ui.snap.weeks)) step(Math.min(ui.cat.limits.maxStep, w - ui.snap.week));
}

// replay sets up a history: each side's design at week 0, the seed, each
// design change at its week, and the week reached.
export function replay(h) {
  for (const side of SIDES) call('configure', side, JSON.stringify(h.begin[side]));
  apply(call('seed', String(h.seed)));
  const changes = h.changes.slice().sort((a, b) => a.week - b.week);
  for (const c of changes) {
    stepTo(c.week);
    apply(call('intervene', c.side, JSON.stringify(c.config)));
  }
  stepTo(h.week);
}

// history is the run on the page as replay takes it.
export function history() {
  const snap = ui.snap;
  const changes = [];
  for (const side of SIDES) {
    for (const c of snap.sides[side].changes) changes.push({ side, week: c.week, config: c.config });
  }
  return { begin: snap.sides.map((ss) => ss.begin), seed: snap.seed, changes, week: snap.week };
}

// jump goes to the end of year y: forwards by stepping, backwards by
// replaying the run's history to that week.
export function jump(y) {
  const w = Math.min(Math.round(y * 52), ui.snap.weeks);
  setPlaying(false);
  cancelRun();
  if (w >= ui.snap.week) {
    stepTo(w);
  } else {
    const h = history();
    h.changes = h.changes.filter((c) => c.week < w);
    h.week = w;
    replay(h);
  }
  status('Week ' + ui.snap.week + ', the end of year ' + (ui.snap.week / 52).toFixed(1).replace('.0', '') + '.');
}

export function bindRun() {
  $('play').addEventListener('click', safely(() => setPlaying(!ui.playing)));
  $('step').addEventListener('click', safely(() => { setPlaying(false); step(1); }));
  $('reset').addEventListener('click', safely(() => {
    setPlaying(false);
    cancelRun();
    apply(call('reset'));
    status('Back to week 0, with the levers as they are now.');
  }));
  const speed = $('speed');
  const showSpeed = () => {
    const t = SPEEDS[Number(speed.value)] + ' weeks a second';
    $('speed-out').textContent = t;
    speed.setAttribute('aria-valuetext', t);
  };
  speed.addEventListener('input', showSpeed);
  showSpeed();
  const sel = $('jump');
  sel.addEventListener('change', safely(() => {
    if (sel.value) jump(Number(sel.value));
    sel.value = '';
  }));
  ui.listeners.push(showWeek);
}

function showWeek(snap) {
  const w = $('week');
  w.dataset.week = snap.week;
  w.textContent = 'Week ' + snap.week + ' · year ' + (snap.week / 52).toFixed(1);
  const sel = $('jump');
  const years = Math.floor(snap.weeks / 52);
  if (sel.options.length !== years + 2) {
    sel.replaceChildren(new Option('Go to…', ''));
    sel.append(new Option('the start', '0'));
    for (let y = 1; y <= years; y++) sel.append(new Option('year ' + y, String(y)));
  }
}
