// The page's state in the URL's fragment, so that a teacher can share a
// link: both designs as the run started, the seed, each design change at
// its week, the week reached, the lesson, its step, the prediction and
// how far the step got (stage: predict, running — paused in the middle
// of its run —, explained; made: its design change was made), the view.
// The fragment reads like the command line's --set:
//
//   #left=isolated&right=collective-impact&right.set=governance.backbone_staff%3D0&seed=7&week=156
//    &change=1%40104%3Acollective-impact%3Agovernance.backbone_staff%3D2&lesson=1-backbone&step=3&stage=running&made=1&choice=0

import { $, ui, SIDES } from './model.js';
import { history, replay, setPlaying } from './run.js';
import { start, choose, resume } from './lesson.js';
import { setView } from './levers.js';
import { setDiffMetric } from './charts.js';

const NAMES = ['left', 'right'];

function sets(levers) {
  return Object.entries(levers || {}).map(([k, v]) => k + '=' + String(v)).join(',');
}

function parseSets(s) {
  const levers = {};
  for (const kv of (s || '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    const k = kv.slice(0, i), v = kv.slice(i + 1);
    levers[k] = v === 'true' ? true : v === 'false' ? false : v === 'null' ? null : Number(v);
    if (typeof levers[k] === 'number' && Number.isNaN(levers[k])) throw new Error('the link sets ' + k + ' to "' + v + '", not a value');
  }
  return levers;
}

// encode writes the state as a fragment.
export function encode() {
  const p = new URLSearchParams();
  const ls = ui.lesson;
  if (ls) {
    p.set('lesson', ls.l.id);
    p.set('step', String(ls.step + 1));
    if (ls.choice >= 0) p.set('choice', String(ls.choice));
    // Many runs are made again from the run's end.
    if (ls.stage !== 'predict') p.set('stage', ls.stage === 'many' ? 'explained' : ls.stage);
    if (ls.changed) p.set('made', '1');
  }
  // The run itself, in a lesson too: a lever moved during the step, a
  // week stepped to, are part of what the class sees.
  const h = history();
  for (const side of SIDES) {
    p.set(NAMES[side], h.begin[side].scenario);
    if (sets(h.begin[side].levers)) p.set(NAMES[side] + '.set', sets(h.begin[side].levers));
  }
  p.set('seed', h.seed);
  p.set('week', String(h.week));
  for (const c of h.changes) p.append('change', c.side + '@' + c.week + ':' + c.config.scenario + ':' + sets(c.config.levers));
  if (ui.view !== 'teacher') p.set('view', ui.view);
  if (ui.diffMetric !== 'outcome_rate') p.set('diff', ui.diffMetric);
  return '#' + p.toString();
}

// restore sets the page to the state a fragment describes; it reports
// whether there was one.
export function restore(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if ([...p.keys()].length === 0) return false;
  if (p.get('view')) setView(p.get('view'));
  const diff = () => { if (p.get('diff')) setDiffMetric(p.get('diff')); };
  const begin = SIDES.map((side) => ({ scenario: p.get(NAMES[side]) || ui.cat.defaults[side], levers: parseSets(p.get(NAMES[side] + '.set')) }));
  const changes = p.getAll('change').map((c) => {
    const m = /^([01])@(\d+):([^:]+):(.*)$/.exec(c);
    if (!m) throw new Error('the link has a change "' + c + '" that is not side@week:scenario:levers');
    return { side: Number(m[1]), week: Number(m[2]), config: { scenario: m[3], levers: parseSets(m[4]) } };
  });
  const run = { begin, seed: p.get('seed') || '1', changes, week: Number(p.get('week') || 0) };
  setPlaying(false);
  if (p.get('lesson')) {
    start(p.get('lesson'), Number(p.get('step') || 1) - 1);
    if (p.get('choice') !== null) {
      choose(Number(p.get('choice')));
      const r = $('choice-' + p.get('choice'));
      if (r) r.checked = true;
    }
    // The run as the link has it (an older link, without one, keeps the
    // step's start), then the step's stage.
    if (p.get('left')) replay(run);
    const stage = p.get('stage');
    if (stage === 'running' || stage === 'explained') resume(stage, p.get('made') === '1');
    diff();
    return true;
  }
  replay(run);
  diff();
  return true;
}

let timer = 0, lastWrite = 0;

// keep writes the state to the fragment soon after it changes: at once
// when paused, every two seconds while playing (browsers throttle faster
// history updates).
export function keep() {
  clearTimeout(timer);
  const wait = ui.playing ? Math.max(0, 2000 - (Date.now() - lastWrite)) : 150;
  timer = setTimeout(() => {
    lastWrite = Date.now();
    const h = encode();
    if (h !== location.hash) window.history.replaceState(null, '', h);
  }, wait);
}

export function bindState() {
  ui.listeners.push(keep);
  (ui.onLesson = ui.onLesson || []).push(keep);
  (ui.onView = ui.onView || []).push(keep);
  (ui.onPlay = ui.onPlay || []).push(keep);
  $('copy-link').addEventListener('click', () => {
    const url = location.href.split('#')[0] + encode();
    window.history.replaceState(null, '', encode());
    $('link-out').textContent = url;
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(() => { $('link-out').textContent = 'Copied: ' + url; }, () => {});
  });
}
