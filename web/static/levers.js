// The levers drawer: a design for each side, its levers, class exercises,
// the run's settings, many runs (a quick Monte Carlo) and downloads. A
// lever moved at week 0 restarts both runs; during a run it changes the
// design from the current week on (an intervention), except the levers of
// the world, which restart.

import { $, SIDES, WHERE, ui, call, apply, status, lever, leverValue, leverText, title } from './model.js';
import { safely, setPlaying, cancelRun } from './run.js';
import { updateCharts, chartsCanvas } from './charts.js';

// The student view's levers: the four conditions a class moves first.
export const STUDENT_LEVERS = ['governance.common_agenda', 'governance.backbone_staff',
  'governance.meeting_interval_weeks', 'governance.beneficiary_engagement'];

export function leverId(prefix, side, key) { return prefix + '-' + side + '-' + key.replace(/\./g, '-'); }

export function buildLevers() {
  for (const side of SIDES) {
    const sel = $('scenario-' + side);
    sel.setAttribute('aria-label', WHERE[side] + ' side: design');
    for (const s of ui.cat.scenarios) {
      const o = new Option(s.title, s.name);
      o.title = s.purpose;
      sel.append(o);
    }
    sel.addEventListener('change', safely(() => pickScenario(side, sel.value)));
  }
  const body = document.querySelector('#levers tbody');
  for (const lv of ui.cat.levers) body.append(leverRow(lv));
  for (const p of ui.cat.presets) {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = 'preset-' + p.id;
    b.textContent = p.title;
    b.title = p.explain;
    b.addEventListener('click', safely(() => preset(p)));
    $('presets').append(b);
  }
  $('restore').addEventListener('click', safely(() => {
    configure(SIDES.map((s) => ({ scenario: ui.configs[s].scenario, levers: {} })),
      'Both designs have their own levers again; both runs restart from week 0.');
  }));
  bindSeed();
  $('student-view').addEventListener('change', () => setView($('student-view').checked ? 'student' : 'teacher'));
  $('mc-run').addEventListener('click', safely(() => (ui.mcRunning ? cancelMonteCarlo() : runMonteCarlo(Number($('mc-runs').value)))));
  $('csv').addEventListener('click', safely(downloadCSV));
  $('png').addEventListener('click', safely(() => chartsCanvas().toBlob((b) => download(URL.createObjectURL(b), fileName('png')))));
  (ui.onFail = ui.onFail || []).push(cancelMonteCarlo);
  ui.listeners.push(showLevers);
}

// bindSeed reads the world number typed; the field shows a new seed only
// when nobody is typing in it, since playing redraws every frame.
function bindSeed() {
  const f = $('seed');
  f.addEventListener('change', safely(() => {
    cancelMonteCarlo();
    try {
      apply(call('seed', f.value.trim()));
      f.value = ui.snap.seed; // as the model read it, e.g. 007 → 7
      ui.seedShown = ui.snap.seed;
      status('World number ' + ui.snap.seed + ': both runs restart from week 0.');
    } catch (e) {
      status(e.message, true);
      f.value = ui.snap.seed;
    }
  }));
  ui.listeners.push((snap) => {
    if (snap.seed !== ui.seedShown && document.activeElement !== f) {
      f.value = snap.seed;
      ui.seedShown = snap.seed;
    }
  });
}

function leverRow(lv) {
  const tr = document.createElement('tr');
  tr.dataset.key = lv.key;
  const th = document.createElement('th');
  th.scope = 'row';
  th.innerHTML = '<span class="label"></span><span class="explain"></span>';
  th.querySelector('.label').textContent = lv.label + ' ';
  if (lv.world) {
    const w = document.createElement('span');
    w.className = 'world';
    w.textContent = 'both sides';
    th.querySelector('.label').append(w);
  }
  const ex = th.querySelector('.explain');
  ex.textContent = lv.explain;
  ex.id = 'lever-explain-' + lv.key.replace(/\./g, '-');
  tr.append(th);
  for (const side of SIDES) {
    const td = document.createElement('td');
    td.append(...leverControl('lever', side, lv, ex.id));
    tr.append(td);
  }
  return tr;
}

// leverControl makes a side's control of a lever: a switch or a slider
// with its value written out. The lesson card makes its own with another
// prefix; both move the same lever.
export function leverControl(prefix, side, lv, describedBy) {
  const id = leverId(prefix, side, lv.key);
  const name = lv.label + ', ' + WHERE[side].toLowerCase() + ' side';
  const input = document.createElement('input');
  input.id = id;
  input.setAttribute('aria-label', name);
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  if (lv.kind === 'switch') {
    const label = document.createElement('label');
    label.className = 'switch';
    input.type = 'checkbox';
    input.setAttribute('role', 'switch');
    const span = document.createElement('span');
    label.append(input, ' ', span);
    input.addEventListener('change', safely(() => setLever(side, lv, input.checked)));
    return [label];
  }
  input.type = 'range';
  Object.assign(input, { min: lv.min, max: lv.max, step: lv.step });
  const out = document.createElement('output');
  out.htmlFor = id;
  input.addEventListener('input', () => {
    out.textContent = leverText(lv, Number(input.value));
    input.setAttribute('aria-valuetext', out.textContent);
  });
  input.addEventListener('change', safely(() => setLever(side, lv, Number(input.value))));
  return [input, out];
}

// showLeverControl sets a control to the side's value.
export function showLeverControl(prefix, side, lv) {
  const input = $(leverId(prefix, side, lv.key));
  if (!input) return;
  const c = ui.configs[side];
  const v = leverValue(c, lv.key);
  const cell = input.closest('td, p');
  if (cell) cell.classList.toggle('changed', lv.key in c.levers && c.levers[lv.key] !== ui.cat.values[c.scenario][lv.key]);
  if (lv.kind === 'switch') {
    input.checked = v;
    input.parentElement.querySelector('span').textContent = leverText(lv, v);
    return;
  }
  // A lever left to the partners' own sits mid-range, reading so.
  input.value = v === null ? (lv.min + lv.max) / 2 : v;
  const text = leverText(lv, v);
  input.parentElement.querySelector('output').textContent = text;
  input.setAttribute('aria-valuetext', text);
}

function showLevers() {
  for (const side of SIDES) $('scenario-' + side).value = ui.configs[side].scenario;
  for (const lv of ui.cat.levers) for (const side of SIDES) showLeverControl('lever', side, lv);
  const shown = visibleLevers();
  for (const tr of document.querySelectorAll('#levers tbody tr')) tr.classList.toggle('hidden', !shown.includes(tr.dataset.key));
  for (const side of SIDES) $('cmd-' + side).textContent = ui.snap.sides[side].command;
}

// visibleLevers are the levers the drawer shows: a lesson step's, the
// student view's four, or all.
export function visibleLevers() {
  if (ui.lesson) return ui.lesson.l.steps[ui.lesson.step].levers;
  if (ui.view === 'student') return STUDENT_LEVERS;
  return ui.cat.levers.map((l) => l.key);
}

export function setView(v) {
  ui.view = v;
  $('student-view').checked = v === 'student';
  document.body.dataset.view = v;
  if (ui.snap) showLevers();
  for (const f of ui.onView || []) f(v);
}

// setLever moves a lever on a side, or on both for a lever of the world.
export function setLever(side, lv, v) {
  const sides = lv.world ? SIDES : [side];
  const next = ui.configs.map((c, s) => (sides.includes(s) ? { scenario: c.scenario, levers: { ...c.levers, [lv.key]: v } } : c));
  if (ui.snap.week === 0 || lv.world) {
    const why = ui.snap.week > 0 ? lv.label + ' describes the young people or the partners: both runs restart from week 0.'
      : 'Both runs restart from week 0 with the new settings.';
    configure(next, why);
    return;
  }
  cancelMonteCarlo();
  const week = ui.snap.week;
  try {
    for (const s of sides) apply(call('intervene', s, JSON.stringify(next[s])));
    status('From week ' + (week + 1) + ' the ' + sides.map((s) => WHERE[s].toLowerCase()).join(' and ') + ' side runs with ' +
      lv.label.toLowerCase() + ': ' + leverText(lv, v) + '; the charts mark the change.');
  } catch (e) {
    status(e.message, true);
    apply(call('snapshot'));
  }
}

function pickScenario(side, name) {
  const old = ui.configs[side];
  // A new design keeps the levers of the world: they must stay equal.
  const levers = {};
  for (const lv of ui.cat.levers) if (lv.world && lv.key in old.levers) levers[lv.key] = old.levers[lv.key];
  const next = ui.configs.slice();
  next[side] = { scenario: name, levers };
  configure(next, WHERE[side] + ': ' + title(name) + '. Both runs restart from week 0.');
}

function preset(p) {
  configure(p.sides, p.title + ': ' + p.explain);
}

// configure sends both sides' designs to the model, which restarts both
// runs; on an error it puts the old designs back and says why.
export function configure(next, message) {
  cancelMonteCarlo();
  cancelRun();
  const old = ui.configs.slice();
  try {
    for (const s of SIDES) call('configure', s, JSON.stringify(next[s]));
    for (const p of document.querySelectorAll('.side .error')) p.textContent = '';
    apply(call('snapshot'));
    status(message);
  } catch (e) {
    for (const s of SIDES) {
      try { call('configure', s, JSON.stringify(old[s])); } catch (_) { /* the old designs loaded before */ }
    }
    apply(call('snapshot'));
    status(e.message, true);
  }
}

// ---- many runs ----

export function runMonteCarlo(runs, done) {
  call('mcStart', runs);
  setPlaying(false);
  const gen = ++ui.mcGen;
  ui.mcRunning = true;
  $('mc-run').textContent = 'Cancel';
  const bar = $('mc-progress');
  bar.hidden = false;
  bar.max = runs;
  bar.value = 0;
  $('mc-result').textContent = '';
  status('Running ' + runs + ' runs of both sides…');
  const chunk = safely(() => {
    if (gen !== ui.mcGen) return;
    const p = call('mcStep', 2);
    bar.value = p.done;
    for (const f of ui.onProgress || []) f(p.done, p.runs);
    if (p.done < p.runs) { setTimeout(chunk, 0); return; }
    ui.bands = call('mcBands');
    ui.mcRunning = false;
    $('mc-run').textContent = 'Run a quick Monte Carlo';
    bar.hidden = true;
    updateCharts();
    showMonteCarlo();
    if (done) done(); else status("Many runs done: a side's band holds 90% of the runs and its deeper middle 50% (the left's filled, the right's hatched), the dashed line is the median.");
  });
  setTimeout(chunk, 0);
}

export function cancelMonteCarlo() {
  ui.mcGen = (ui.mcGen || 0) + 1;
  ui.bands = null;
  ui.mcRunning = false;
  $('mc-run').textContent = 'Run a quick Monte Carlo';
  $('mc-progress').hidden = true;
  $('mc-result').textContent = '';
}

function showMonteCarlo() {
  const b = ui.bands;
  const years = (w) => String(Math.round(w / 52 * 10) / 10);
  const part = (side) => {
    const f = b.sides[side].finalText.outcome_rate;
    return WHERE[side].toLowerCase() + ' (' + title(b.sides[side].scenario) + ') ' + f[2] + ', 90% of runs between ' + f[0] + ' and ' + f[4];
  };
  const el = $('mc-result');
  el.textContent = b.runs + ' runs, seed ' + b.seed + '. In a job or studies after ' + years(b.sides[0].weeks) +
    ' years (median): ' + part(0) + '; ' + part(1) + '. The right side had more young people in a job or studies in ' +
    b.rightAhead + ' of ' + b.runs + ' runs' + (b.ties ? ' (' + b.ties + ' ties)' : '') + '.';
  el.dataset.runs = String(b.runs);
}

// ---- downloads ----

function fileName(ext) {
  return 'cisim-classroom-seed' + ui.snap.seed + '-week' + ui.snap.week + '.' + ext;
}

function download(url, name) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function downloadCSV() {
  const blob = new Blob([call('csv')], { type: 'text/csv' });
  download(URL.createObjectURL(blob), fileName('csv'));
}
