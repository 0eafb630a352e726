// The student page: join with the code, pick a free organisation, then play
// it round by round. The server is the teacher's laptop; this page only shows
// what it sends (a RoleView: see web/game) and sends decisions back. The
// token the server gives is kept in localStorage, so that a reload or a
// dropped connection gets the same role back.

import { $, el, setText, pct, num, money, clock, domainName, BRING, STATUS } from './dom.js';
import { Conn } from './conn.js';
import { sectorName } from './palette.js';
import { buildControls, fillControls, readControls, FIELDS } from './decide.js';

const store = {
  get: (k) => { try { return localStorage.getItem(k) || ''; } catch (e) { return ''; } },
  set: (k, v) => { try { if (v) localStorage.setItem(k, v); else localStorage.removeItem(k); } catch (e) { /* private mode: no memory */ } },
};
const tokenKey = (code) => 'cisim.class.token.' + code;

const st = {
  code: '', name: '', token: '', role: '', roles: [], view: null,
  welcomed: false, // the server answered this socket's hello
  canKey: '', // the controls built, for which `can`
  formRound: -1, // the round whose values the form holds
  dirty: false, // the student moved something since the form was filled
  sentRound: -1, // the round of the last decision acknowledged
  deadline: 0, // when the round closes, by this page's clock (0: no limit)
  conn: null,
};
window.cisimClass = st; // for the browser tests

function normCode(s) { return String(s || '').trim().toUpperCase().replace(/[^A-Z0-9]/g, ''); }

function stage(name) {
  document.body.dataset.stage = name;
  $('join').hidden = name !== 'join';
  $('pick').hidden = name !== 'pick';
  $('play').hidden = name !== 'play';
  $('loading').hidden = name !== 'loading';
}

function start() {
  const q = new URLSearchParams(location.search);
  st.code = normCode(q.get('code')) || normCode(store.get('cisim.class.code'));
  st.name = store.get('cisim.class.name');
  $('code').value = st.code;
  $('name').value = st.name;
  $('join-form').addEventListener('submit', (ev) => { ev.preventDefault(); join(); });
  $('decide').addEventListener('submit', (ev) => { ev.preventDefault(); decide(); });
  $('controls').addEventListener('input', () => { st.dirty = true; setText('ack', ''); });
  $('stopped-again').addEventListener('click', () => { $('stopped').hidden = true; st.conn.reopen(); });
  $('pick-title').tabIndex = -1;
  $('role-name').tabIndex = -1;
  st.conn = new Conn({ hello, onMessage, onState });
  setInterval(tick, 250);
  if (!st.code) {
    stage('join');
    setConn('idle', 'Not connected');
    $('code').focus();
    return;
  }
  st.token = store.get(tokenKey(st.code));
  stage('loading');
  st.conn.start();
}

function hello() {
  st.welcomed = false;
  const m = { t: 'hello', code: st.code };
  if (st.token) m.token = st.token;
  if (st.name) m.name = st.name;
  return m;
}

function join() {
  const code = normCode($('code').value);
  if (!code) {
    setText('join-error', 'Type the join code first.');
    $('code').focus();
    return;
  }
  setText('join-error', '');
  if (code !== st.code) st.token = store.get(tokenKey(code));
  st.code = code;
  st.name = $('name').value.trim().slice(0, 40);
  store.set('cisim.class.code', code);
  store.set('cisim.class.name', st.name);
  $('join-button').disabled = true;
  st.conn.reopen();
}

function setConn(state, text) {
  const c = $('conn');
  c.dataset.state = state;
  c.textContent = text;
}

function onState(state, wait, reason) {
  if (state === 'open') setConn('open', 'Connected');
  else if (state === 'connecting') setConn('connecting', 'Connecting…');
  else if (state === 'replaced') {
    setConn('idle', 'Playing in another tab');
    showStopped('This game is open in another tab or on another device with the same role: that one plays now, and this page has stopped.');
  } else if (state === 'refused') {
    setConn('idle', 'Not connected');
    showStopped('The server refused this page' + (reason ? ': ' + reason : '') + '.');
  } else setConn('waiting', 'Connection lost: trying again in ' + Math.ceil(wait / 1000) + ' s');
}

// showStopped says why the page no longer talks to the server, with a
// button to start again here.
function showStopped(msg) {
  const box = $('stopped');
  box.hidden = false;
  setText('stopped-msg', msg);
  $('stopped-again').focus();
}

function onMessage(m) {
  switch (m.t) {
    case 'welcome': return welcome(m);
    case 'view': return showView(m.v || {});
    case 'ack':
      st.sentRound = m.round;
      st.dirty = false;
      $('ack').dataset.round = String(m.round);
      setText('ack', 'Sent for round ' + m.round + '. You can change it until the round closes.');
      return;
    case 'error': return showError(String(m.msg || 'refused'));
    default:
  }
}

function welcome(m) {
  st.welcomed = true;
  st.conn.connected();
  $('join-button').disabled = false;
  if (m.token) {
    st.token = String(m.token);
    store.set(tokenKey(st.code), st.token);
  }
  store.set('cisim.class.code', st.code);
  st.roles = Array.isArray(m.roles) ? m.roles : [];
  const had = st.role;
  st.role = m.role ? String(m.role) : '';
  document.body.dataset.role = st.role;
  if (!st.role) {
    showRoles();
    return;
  }
  stage('play');
  if (had !== st.role) {
    st.canKey = '';
    st.formRound = -1;
    if (st.view && st.view.role && st.view.role.id !== st.role) st.view = null;
    $('role-name').focus();
  }
}

// showError puts a refusal where the student is looking. Before the server
// has welcomed this socket it refused the hello: the code is wrong or the
// game is full, and trying again by itself would not help.
function showError(msg) {
  if (!st.welcomed) {
    st.conn.stop();
    setConn('idle', 'Not connected');
    stage('join');
    $('join-button').disabled = false;
    setText('join-error', msg);
    $('code').focus();
    return;
  }
  if (!st.role) setText('pick-error', msg);
  else setText('decide-error', msg);
}

function showRoles() {
  const was = document.body.dataset.stage;
  stage('pick');
  const list = $('roles-list');
  const act = document.activeElement;
  const inList = act && list.contains(act);
  const focused = inList ? act.dataset.role : '';
  list.replaceChildren();
  for (const r of st.roles) {
    const b = el('button', { type: 'button', 'data-role': r.id, disabled: !!r.taken },
      el('strong', { text: r.name }),
      el('span', { class: 'kind', text: kindText(r.kind) + (r.taken ? ' — taken' : '') }));
    b.addEventListener('click', () => pick(r.id));
    list.append(el('li', {}, b));
  }
  // The focus stays where the student was; it moves only when the list has
  // just appeared, or the role it was on was taken meanwhile.
  if (was === 'pick' && !inList) return;
  const again = focused && list.querySelector('button[data-role="' + CSS.escape(focused) + '"]:not(:disabled)');
  (again || list.querySelector('button:not(:disabled)') || $('pick-title')).focus();
}

function kindText(kind) {
  if (kind === 'youth') return 'speaks for the young people';
  return sectorName(kind);
}

function pick(id) {
  setText('pick-error', '');
  st.conn.send({ t: 'pick', role: id });
}

function decide() {
  const v = st.view;
  setText('decide-error', '');
  if (!v || !v.role) return;
  const d = readControls($('controls'), v.role.can || {});
  if (!st.conn.send({ t: 'decide', round: v.round, d })) {
    setText('decide-error', 'Not connected: your decision was not sent. It will be possible again once the page reconnects.');
    return;
  }
  setText('ack', 'Sending…');
}

// ---- the view ----

function showView(v) {
  st.view = v;
  const status = v.paused ? 'paused' : v.status;
  document.body.dataset.status = status;
  document.body.dataset.round = String(v.round);
  st.deadline = v.seconds_left > 0 ? Date.now() + 1000 * v.seconds_left : 0;
  if (v.role && v.role.id && v.role.id !== st.role) { st.role = v.role.id; document.body.dataset.role = st.role; }
  if (document.body.dataset.stage !== 'play') stage('play');
  showRound(v, status);
  if (v.role) {
    showCard(v.role);
    showForm(v, status);
    showCompare(v, status);
  }
  showPartnership(v.partnership || {}, v);
  tick();
}

function showRound(v, status) {
  const b = $('round-status');
  b.textContent = STATUS[status] || status;
  b.className = 'badge ' + status;
  const r = v.round > 0 ? 'Round ' + v.round + ' of ' + v.rounds : 'Before round 1 of ' + v.rounds;
  setText('round-title', r + (v.weeks ? ' · week ' + v.week + ' of ' + v.weeks : ''));
  const note = {
    lobby: 'Waiting for the teacher to open the first round. Read your card meanwhile.',
    open: 'Decide, and send your decision before the time runs out. You may change it until the round closes.',
    paused: 'The teacher has paused the round: the clock has stopped.',
    closed: 'The round is closed and the model has played it. Compare your decision with the model’s rule below.',
    over: 'The game is over. Look at the teacher’s screen for the debrief.',
  }[status] || '';
  setText('round-note', note);
}

function tick() {
  const v = st.view;
  const t = $('time-left');
  if (!v || !(v.status === 'open') || !st.deadline) { t.textContent = ''; return; }
  const left = v.paused ? v.seconds_left : (st.deadline - Date.now()) / 1000;
  t.textContent = clock(left) + ' left';
}

function showCard(r) {
  setText('role-name', r.name || r.id);
  setText('role-kind', kindText(r.kind) + (r.kind === 'youth' ? '' : r.member === false ? ' · not taking part in the partnership' : ' · a member of the partnership'));
  const rows = [
    ['Budget', money(r.budget) + ' a year'],
    ['Staff hours', num(r.staff_hours) + ' a week'],
    ['Hours free for the partnership', num(r.free_hours) + ' a week'],
  ];
  if (r.mandate !== undefined) rows.push(['What its delegates may commit (mandate)', pct(r.mandate)]);
  if (r.commitment !== undefined) rows.push(['Its commitment to the partnership', pct(r.commitment)]);
  facts($('role-facts'), rows.filter((x) => !x[1].startsWith('–') && !x[1].startsWith('SEK –')));
  setText('judged-by', r.judged_by ? 'Judged by ' + r.judged_by + '.' : '');
  const kb = $('kpis').tBodies[0];
  kb.replaceChildren(...(r.kpis || []).map((k) => el('tr', {},
    el('th', { scope: 'row', text: domainName(k.domain) }), el('td', { class: 'n', text: pct(k.weight) }), el('td', { class: 'n', text: pct(k.value) }))));
  $('trust-title').hidden = $('trust').hidden = !(r.trust || []).length;
  const tb = $('trust').tBodies[0];
  tb.replaceChildren(...(r.trust || []).map((x) => el('tr', {},
    el('th', { scope: 'row', text: x.name || x.id }), el('td', {}, meter(x.trust), pct(x.trust)))));
  $('notes').replaceChildren(...(r.notes || []).map((n) => el('li', { text: String(n) })));
}

function meter(x) {
  const m = el('span', { class: 'meter', 'aria-hidden': 'true' });
  m.style.width = (4 * Math.max(0, Math.min(1, x || 0))).toFixed(2) + 'em';
  return m;
}

function facts(dl, rows) {
  dl.replaceChildren();
  for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: v }));
}

// showForm builds the controls the role may use and fills them: with the
// decision in force, or the model's rule where the student has set none. A
// new view during a round does not overwrite what the student is moving.
function showForm(v, status) {
  const r = v.role;
  const can = r.can || {};
  const key = JSON.stringify(can) + '|' + (v.partnership && v.partnership.domains || []).join(',');
  if (key !== st.canKey) {
    buildControls($('controls'), can, r, v.partnership || {});
    st.canKey = key;
    st.formRound = -1;
  }
  if (st.sentRound === v.round && v.status !== 'open') setText('ack', 'Your decision for round ' + v.round + ' was sent.');
  if (st.formRound !== v.round || !st.dirty) {
    fillControls($('controls'), can, r);
    st.formRound = v.round;
    st.dirty = false;
    if (st.sentRound !== v.round) { setText('ack', ''); delete $('ack').dataset.round; }
  }
  // A pause is for talking: decisions are still taken. What the role may
  // decide is its `can` (an organisation that left has none; the youth
  // representative is no member, and has its voice).
  const none = !FIELDS.some((f) => can[f]);
  const open = v.status === 'open' && !none;
  for (const c of $('controls').querySelectorAll('input')) c.disabled = !open;
  $('submit').disabled = !open;
  setText('decide-title', none ? 'Nothing to decide' : open ? 'Your decision for round ' + v.round : 'Your decision');
}

function showCompare(v, status) {
  const r = v.role;
  const show = (status === 'closed' || status === 'over') && r.rule && v.round > 0;
  $('compare').hidden = !show;
  if (!show) return;
  const rows = [];
  const can = r.can || {};
  const d = r.decision || {};
  for (const f of FIELDS) {
    if (!can[f] || r.rule[f] === undefined) continue;
    const mine = d[f] === undefined || d[f] === null ? r.rule[f] : d[f];
    const same = fieldText(f, mine) === fieldText(f, r.rule[f]);
    rows.push(el('tr', {}, el('th', { scope: 'row', text: FIELD_NAMES[f] }),
      el('td', { class: same ? 'same' : 'differs', text: fieldText(f, mine) }),
      el('td', { text: fieldText(f, r.rule[f]) })));
  }
  $('compare-table').tBodies[0].replaceChildren(...rows);
}

const FIELD_NAMES = { agenda: 'Hours to the common agenda', pool: 'Budget into the pooled fund', attend: 'Attend the meetings',
  bring: 'Argue for', share: 'Share our data', stay: 'Stay in the partnership', voice: 'Needs voiced' };

function fieldText(f, x) {
  if (x === null || x === undefined) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : 'no';
  if (f === 'bring') return (BRING[x] || [String(x)])[0];
  if (Array.isArray(x)) return x.map((y) => pct(y)).join(' · ');
  if (typeof x === 'number') return pct(x);
  return String(x);
}

function showPartnership(p, v) {
  const rows = [];
  if (p.phase) rows.push(['Phase', String(p.phase)]);
  if (p.agreed !== undefined) rows.push(['Common agenda agreed', p.agreed ? 'yes' : 'not yet']);
  if (p.members !== undefined) rows.push(['Partners taking part', num(p.members)]);
  if (p.meeting_due !== undefined && p.meeting_due !== null) {
    rows.push(['A meeting in the next round', typeof p.meeting_due === 'boolean' ? (p.meeting_due ? 'yes' : 'no') : 'week ' + p.meeting_due]);
  }
  if (p.young_in_need !== undefined) rows.push(['Young people in need', num(p.young_in_need)]);
  if (p.outcomes !== undefined) rows.push(['Young people in a job or studies', isFinite(p.outcomes) ? (100 * p.outcomes).toFixed(1) + '%' : '–']);
  facts($('partnership-facts'), rows);
  const ds = p.domains || [];
  $('agenda').tBodies[0].replaceChildren(...(p.agenda || []).map((x, i) => el('tr', {},
    el('th', { scope: 'row', text: domainName(ds[i] || 'domain ' + (i + 1)) }), el('td', {}, meter(x), pct(x)))));
  $('events').replaceChildren(...(p.events || []).slice(-10).reverse().map(eventItem));
}

export function eventItem(e) {
  if (typeof e === 'string') return el('li', { text: e });
  return el('li', {}, e.week !== undefined ? el('span', { class: 'wk', text: 'Week ' + e.week + ': ' }) : null, String(e.text || e.kind || ''));
}

start();
