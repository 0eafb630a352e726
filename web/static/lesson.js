// Guided lessons: steps of predict, run, explain. A step sets up both sides
// (in the model: lessonBegin), asks the class to predict, plays the run to
// its week, making the step's design change on the way, runs many runs if
// it asks for them, and then shows the explanation the model fills in from
// the run's own numbers and events, with which predictions the run bears
// out. The lessons are data files (web/lessons/*.yaml); the model checks them.

import { $, ui, call, apply, status, lever, leverValue, leverText, WHERE } from './model.js';
import { safely, prepare, finish, cancelRun, setPlaying, running } from './run.js';
import { watch, setDiffMetric } from './charts.js';
import { runMonteCarlo, cancelMonteCarlo } from './levers.js';
import { closeDetails } from './sides.js';

export function buildLessons() {
  showMenu();
  $('lesson-file').addEventListener('change', safely(async () => {
    const f = $('lesson-file').files[0];
    if (!f) return;
    const out = $('lesson-file-out');
    try {
      const l = call('lessonOpen', f.name, await f.text());
      ui.cat.lessons = ui.cat.lessons.filter((x) => x.id !== l.id).concat([l]);
      showMenu();
      out.textContent = 'Opened “' + l.title + '”, ' + l.steps.length + ' steps.';
    } catch (e) {
      out.textContent = e.message;
    }
  }));
}

function showMenu() {
  const ol = $('lesson-list');
  ol.replaceChildren(...ui.cat.lessons.map((l) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.id = 'lesson-' + l.id;
    b.textContent = l.title;
    b.addEventListener('click', safely(() => { $('lessons-menu').close(); start(l.id); }));
    const p = document.createElement('span');
    p.textContent = ' ' + l.summary + ' (' + l.steps.length + ' steps)';
    li.append(b, p);
    return li;
  }));
}

// start opens a lesson at a step (the first by default).
export function start(id, step = 0) {
  const l = ui.cat.lessons.find((x) => x.id === id);
  if (!l) throw new Error('no lesson "' + id + '"');
  ui.lesson = { l, step: 0, stage: 'predict', choice: -1, record: [] };
  enter(step);
}

// enter begins step i: the model sets both sides up as the lesson leaves
// them at that step.
export function enter(i) {
  const ls = ui.lesson;
  setPlaying(false);
  cancelRun();
  cancelMonteCarlo();
  closeDetails();
  Object.assign(ls, { step: i, stage: 'predict', choice: -1, explanation: null, changed: false });
  apply(call('lessonBegin', ls.l.id, i));
  const st = ls.l.steps[i];
  watch(st.watch);
  if (st.watch.length) setDiffMetric(st.watch[0]);
  render();
  const first = $('lesson-card').querySelector('input[type=radio]');
  if (first) first.focus();
  status('Lesson “' + ls.l.title + '”, step ' + (i + 1) + ': predict, then run.');
  changed();
}

function changed() { for (const f of ui.onLesson || []) f(); }

// choose records the class's prediction.
export function choose(k) {
  ui.lesson.choice = k;
  const run = $('lesson-run');
  if (run) run.disabled = false;
  changed();
}

// play runs the step: to its week, with its design change, then many runs
// if it asks for them, then the explanation.
export function play() {
  arm();
  $('lesson-skip').focus();
  setPlaying(true);
  changed();
}

// arm readies the step's run from the week the page is at, paused: the
// step's design change, unless it was made already, and what follows the
// run.
function arm() {
  const ls = ui.lesson;
  const st = ls.l.steps[ls.step];
  ls.stage = 'running';
  render();
  const stops = st.change && !ls.changed ? [{ week: st.change.week, action: () => {
    ls.changed = true;
    apply(call('lessonChange', ls.l.id, ls.step));
  } }] : [];
  prepare(st.toWeek, () => {
    if (st.run.runs > 0) {
      ls.stage = 'many';
      render();
      runMonteCarlo(st.run.runs, explain);
    } else {
      explain();
    }
  }, stops);
}

// resume takes a step restored from a link (the page already at its week,
// under its designs) to the stage it was at: in the middle of its run,
// paused, Play going on with it; or run, many runs made and explained.
// changeMade says the step's design change was made already.
export function resume(stage, changeMade) {
  ui.lesson.changed = changeMade;
  arm();
  if (stage === 'running') {
    status('Lesson “' + ui.lesson.l.title + '”, step ' + (ui.lesson.step + 1) + ': paused at week ' + ui.snap.week + '. Press Play to go on.');
  } else {
    finish();
  }
  changed();
}

function explain() {
  const ls = ui.lesson;
  ls.explanation = call('explain', ls.l.id, ls.step);
  ls.stage = 'explained';
  const st = ls.l.steps[ls.step];
  ls.record[ls.step] = { choice: ls.choice, holds: ls.explanation.holds, text: ls.explanation.text, week: ui.snap.week,
    shown: ui.snap.sides.map((ss) => ss.shown.map((s) => s.text)), diff: ui.snap.diff.map((d) => d.text),
    titles: ui.snap.sides.map((ss) => ss.title), question: st.predict.question };
  render();
  // The explanation is read from its start: the card's top stays in view
  // while the focus waits on Next.
  const next = $('lesson-next') || $('lesson-worksheet');
  if (next) next.focus({ preventScroll: true });
  $('story').scrollTop = 0;
  status('Step ' + (ls.step + 1) + ' explained.');
  changed();
}

// render draws the lesson card for the step's stage.
function render() {
  const ls = ui.lesson;
  const card = $('lesson-card');
  card.hidden = !ls;
  document.body.classList.toggle('in-lesson', !!ls);
  if (!ls) return;
  const st = ls.l.steps[ls.step];
  card.replaceChildren();
  card.dataset.step = String(ls.step);
  card.dataset.stage = ls.stage;
  const h = el('h2', ls.l.title + ' ');
  h.id = 'lesson-title';
  h.append(el('span', 'step ' + (ls.step + 1) + ' of ' + ls.l.steps.length, 'progress'));
  card.append(h, el('h3', st.title));
  if (ls.stage === 'predict') card.append(el('p', st.say));
  if (st.levers.length && ls.stage === 'predict') card.append(stepLevers(st));
  // Once explained, the verdict names the answers the run bore out: the
  // explanation gets the room.
  if (ls.stage === 'explained') card.append(verdict(st), el('p', ls.explanation.text, 'explain', 'lesson-explain'));
  else card.append(choices(st));
  card.append(actions(st));
}

// stepLevers writes the step's levers on both sides.
function stepLevers(st) {
  const div = el('div', null, 'step-levers');
  for (const key of st.levers) {
    const lv = lever(key);
    const p = el('p', lv.label + ': ');
    p.append(...[0, 1].map((s) => el('span', WHERE[s].toLowerCase() + ' ' + leverText(lv, leverValue(ui.configs[s], key)) + (s ? '' : ', '),
      s ? 'b-text' : 'a-text')));
    div.append(p);
  }
  return div;
}

function choices(st) {
  const ls = ui.lesson;
  const fs = document.createElement('fieldset');
  fs.append(el('legend', st.predict.question));
  st.predict.choices.forEach((c, k) => {
    const label = el('label', null, 'choice');
    const r = document.createElement('input');
    r.type = 'radio';
    r.name = 'prediction';
    r.id = 'choice-' + k;
    r.checked = ls.choice === k;
    r.disabled = ls.stage !== 'predict';
    r.addEventListener('change', () => choose(k));
    label.append(r, ' ' + c.text);
    if (ls.stage === 'explained' && ls.explanation.holds[k]) label.classList.add('held');
    fs.append(label);
  });
  return fs;
}

// verdict says whether the run bore out the class's prediction.
function verdict(st) {
  const ls = ui.lesson;
  const held = st.predict.choices.filter((_, k) => ls.explanation.holds[k]).map((c) => '“' + c.text + '”');
  let t = held.length ? 'The run bears out ' + held.join(' and ') + '.' : 'None of the answers describes this run.';
  if (ls.choice >= 0) t = (ls.explanation.holds[ls.choice] ? 'Your prediction holds. ' : 'Not what you predicted. ') + t;
  return el('p', t, 'verdict', 'lesson-verdict');
}

function actions(st) {
  const ls = ui.lesson;
  const div = el('div', null, 'actions');
  const last = ls.step === ls.l.steps.length - 1;
  if (ls.stage === 'predict') {
    const b = button('lesson-run', 'Run to year ' + String(Math.round(st.toWeek / 52 * 10) / 10) + (st.run.runs ? ', then ' + st.run.runs + ' runs' : ''), play);
    b.disabled = ls.choice < 0;
    b.title = 'Choose a prediction first';
    div.append(b);
  } else if (ls.stage === 'running') {
    // A run stopped by Reset or Go to… has nothing to finish: the step starts again.
    div.append(button('lesson-skip', 'Skip to the end', () => (running() ? finish() : enter(ls.step))));
  } else if (ls.stage === 'many') {
    div.append(el('span', 'Many runs…', null, 'lesson-progress'));
  } else if (!last) {
    div.append(button('lesson-next', 'Next step →', () => enter(ls.step + 1)));
  } else {
    div.append(el('span', 'Lesson done. '), button('lesson-worksheet', 'Print the worksheet', () => {
      for (const f of ui.onWorksheet || []) f(true);
    }));
  }
  if (ls.stage === 'predict' && st.levers.length) div.append(button('lesson-levers', 'Try other values', () => $('levers-drawer').showModal()));
  div.append(button('lesson-leave', 'Leave', leave));
  return div;
}

export function leave() {
  setPlaying(false);
  cancelRun();
  ui.lesson = null;
  watch([]);
  render();
  apply(call('snapshot'));
  status('Back to the free page: pick designs and levers under Levers.');
  changed();
}

// progress shows a Monte Carlo's progress in the card.
export function progress(done, runs) {
  const p = $('lesson-progress');
  if (p) p.textContent = 'Many runs: ' + done + ' of ' + runs + '…';
}

function el(tag, text, cls, id) {
  const e = document.createElement(tag);
  if (text !== null && text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  if (id) e.id = id;
  return e;
}

function button(id, text, fn) {
  const b = el('button', text, null, id);
  b.type = 'button';
  b.addEventListener('click', safely(fn));
  return b;
}
