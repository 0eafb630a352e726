// The model: the cisim engine compiled to WebAssembly (cisim.wasm puts the
// object `cisim` on window). Every number on the page comes from here; the
// other modules only draw it. This module also holds the page's state, ui,
// which they share.

export const $ = (id) => document.getElementById(id);
export const SIDES = [0, 1];
export const WHERE = ['Left', 'Right'];

export const ui = {
  cat: null, // the catalog: scenarios, levers, lessons, presets
  configs: [null, null], // the design in force on each side, as the model last reported it
  snap: null, // the last snapshot
  weeks: 0,
  live: [{}, {}], // charted metric → values, one per week (null beyond the week reached)
  events: [[], []], // each side's event log as the page shows it
  bands: null, // a Monte Carlo's bands, if one ran
  mcGen: 0, // counts Monte Carlos started, so that a cancelled one stops
  playing: false,
  lesson: null, // the lesson being played: see lesson.js
  view: 'teacher', // or 'student': four levers
  diffMetric: 'outcome_rate',
  listeners: [], // functions called after every new snapshot
};

// call runs one function of the model; it throws the model's one-line error.
export function call(name, ...args) {
  const out = window.cisim[name](...args);
  if (name === 'csv' && !out.startsWith('{')) return out;
  const v = JSON.parse(out);
  if (v && v.error) throw new Error(v.error);
  return v;
}

// status writes the status line.
export function status(msg, isError) {
  const s = $('status');
  s.textContent = msg;
  s.classList.toggle('error', !!isError);
}

// load starts the model and resolves when it is ready, with {stopped}.
export async function load() {
  const go = new window.Go();
  let inst;
  try {
    inst = await WebAssembly.instantiateStreaming(fetch('cisim.wasm'), go.importObject);
  } catch (e) {
    // A web server that does not send application/wasm: compile from bytes.
    const resp = await fetch('cisim.wasm');
    if (!resp.ok) throw new Error('cannot load cisim.wasm: ' + resp.status + ' ' + resp.statusText);
    inst = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
  const ready = new Promise((resolve) => document.addEventListener('cisim-ready', resolve, { once: true }));
  const stopped = go.run(inst.instance);
  await ready;
  ui.cat = call('catalog');
  // Wrapped: an async function's promise would wait for a returned promise,
  // and this one resolves only if the Go program ends (then every call throws).
  return { stopped };
}

// apply takes in a snapshot: the series and events it brings are added to
// what the page holds (a full snapshot replaces them), and every listener
// redraws.
export function apply(snap) {
  const full = snap.sides.every((ss) => ss.from === 0 && ss.eventsFrom === 0);
  if (full || snap.week === 0 || !ui.snap || snap.weeks !== ui.weeks) resetSeries(snap.weeks);
  for (const side of SIDES) {
    const ss = snap.sides[side];
    for (const m of ui.cat.charted) {
      const v = ss.series[m];
      const line = ui.live[side][m];
      for (let k = 0; k < v.length; k++) line[ss.from + k] = v[k];
      for (let k = ss.week; k < line.length; k++) line[k] = null; // a restart clears what came after
    }
    ui.events[side].length = Math.min(ui.events[side].length, ss.eventsFrom);
    ui.events[side].push(...ss.events);
    ui.configs[side] = ss.config;
  }
  ui.snap = snap;
  for (const f of ui.listeners) f(snap);
}

function resetSeries(weeks) {
  ui.weeks = weeks;
  ui.events = [[], []];
  for (const side of SIDES) {
    for (const m of ui.cat.charted) ui.live[side][m] = new Array(weeks).fill(null);
  }
}

// lever returns the catalog's lever with a key.
export function lever(key) { return ui.cat.levers.find((l) => l.key === key); }

// leverValue is a lever's value on a side in config c: changed, or the scenario's.
export function leverValue(c, key) {
  if (c.levers && key in c.levers) return c.levers[key];
  return ui.cat.values[c.scenario][key];
}

// leverText writes a lever's value as the model does (classroom.Lever.Text):
// from the positions it lists, so the page and the explanations agree.
export function leverText(lv, v) {
  if (lv.kind === 'switch') return v ? 'on' : 'off';
  if (v === null) return lv.listed;
  const k = Math.round((v - lv.min) / lv.step);
  return lv.texts[Math.max(0, Math.min(lv.texts.length - 1, k))];
}

// title is a scenario's name in words.
export function title(name) {
  const s = ui.cat.scenarios.find((x) => x.name === name);
  return s ? s.title : name;
}

// changedLevers lists the levers a config changes from its scenario.
export function changedLevers(c) {
  const base = ui.cat.values[c.scenario];
  return Object.keys(c.levers || {}).filter((k) => c.levers[k] !== base[k]);
}
