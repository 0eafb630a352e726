// The teacher's screen: the join code and address for the projector, the
// roles and who plays them, round control, the partnership's network, the
// game beside the same design played by the model alone, the events, and the
// debrief after the last round. The key in the address's fragment (#key=...)
// is the teacher's: it is never sent in a URL's path or shown on screen.

import { $, el, setText, pct, num, clock, BRING, STATUS } from './dom.js';
import { Conn } from './conn.js';
import { draw, describe } from './network.js';
import { buildCharts, updateCharts, fmt } from './tcharts.js';
import { sectorName, SECTORS } from './palette.js';

const key = new URLSearchParams(location.hash.replace(/^#/, '')).get('key') || '';
const st = { view: null, debrief: null, deadline: 0, nodes: [], held: new Set(), conn: null, welcomed: false };
window.cisimClass = st; // for the browser tests

function start() {
  buildCharts($('charts'));
  networkKey();
  const q = encodeURIComponent(key);
  $('record-link').href = '/class/record.json?key=' + q;
  $('csv-link').href = '/class/decisions.csv?key=' + q;
  showAddress(location.origin + '/class/');
  $('open').addEventListener('click', () => {
    const s = Math.max(0, Math.round(Number($('seconds').value) || 0));
    send({ t: 'open', seconds: s });
  });
  for (const t of ['close', 'pause', 'resume']) $(t).addEventListener('click', () => send({ t }));
  $('grant').addEventListener('click', () => send({ t: 'grant', rung: Number($('rung').value) }));
  new ResizeObserver(() => drawNet()).observe($('network'));
  setInterval(tick, 250);
  if (!key) {
    setText('error', 'This page needs the teacher’s key: open the teacher’s address that cisim serve --class printed (it ends in #key=…).');
    setConn('idle', 'Not connected');
    controls(null);
    return;
  }
  st.conn = new Conn({ hello: () => { st.welcomed = false; return { t: 'hello', teacher: key }; }, onMessage, onState });
  st.conn.start();
}

function send(m) {
  setText('error', '');
  if (!st.conn || !st.conn.send(m)) setText('error', 'Not connected: try again once the page has reconnected.');
}

function setConn(state, text) {
  const c = $('conn');
  c.dataset.state = state;
  c.textContent = text;
}

function onState(state, wait, reason) {
  if (state === 'refused' || state === 'replaced') {
    setConn('idle', 'Not connected');
    setText('error', 'The server refused this page' + (reason ? ': ' + reason : '') + '. Close another teacher page and reload this one.');
  } else if (state === 'open') setConn('open', 'Connected');
  else if (state === 'connecting') setConn('connecting', 'Connecting…');
  else setConn('waiting', 'Connection lost: trying again in ' + Math.ceil(wait / 1000) + ' s');
}

function onMessage(m) {
  if (m.t === 'teacher') {
    if (!st.welcomed) { st.welcomed = true; st.conn.connected(); }
    showView(m.v || {});
  } else if (m.t === 'debrief') {
    st.debrief = m.v || {};
    showDebrief(st.debrief);
  } else if (m.t === 'error') {
    setText('error', String(m.msg || 'refused'));
    // Refused before any view: the key is wrong, or too many teacher pages
    // are open. Knocking again would not change that.
    if (!st.welcomed) { st.conn.stop(); setConn('idle', 'Not connected'); }
  }
}

function showView(v) {
  st.view = v;
  const status = v.paused ? 'paused' : v.status;
  document.body.dataset.stage = 'live';
  document.body.dataset.status = status;
  document.body.dataset.round = String(v.round);
  st.deadline = v.seconds_left > 0 ? Date.now() + 1000 * v.seconds_left : 0;
  const b = $('round-status');
  b.textContent = STATUS[status] || status;
  b.className = 'badge ' + status;
  setText('round-title', (v.round > 0 ? 'Round ' + v.round + ' of ' + v.rounds : 'Before round 1 of ' + v.rounds) +
    (v.weeks ? ' · week ' + v.week + ' of ' + v.weeks : ''));
  if (v.code) setText('join-code', String(v.code));
  if (v.join_url) showAddress(String(v.join_url));
  showRoles(v);
  controls(v);
  updateCharts(v.played, v.alone);
  showNow(v.now, v.alone_now);
  drawNet();
  showEvents(v.events || []);
  showDecisions(v);
  if (v.debrief) { st.debrief = v.debrief; showDebrief(v.debrief); }
  tick();
}

// showAddress writes the students' address with places to break it after
// each slash, so that a long one wraps between its parts on the projector.
function showAddress(url) {
  const p = $('join-address');
  if (p.dataset.url === url) return;
  p.dataset.url = url;
  p.replaceChildren();
  url.split(/(?<=\/)/).forEach((part, i) => { if (i) p.append(el('wbr')); p.append(part); });
}

function controls(v) {
  const status = v ? v.status : '';
  const paused = !!(v && v.paused);
  $('open').disabled = !(status === 'lobby' || status === 'closed');
  $('close').disabled = status !== 'open';
  $('pause').disabled = status !== 'open' || paused;
  $('resume').disabled = !paused;
  $('seconds').disabled = !(status === 'lobby' || status === 'closed');
  // The rung the class grants the young people counts from the open round
  // on: it is granted while a round is open.
  const rung = v && Number.isInteger(v.rung) ? v.rung : null;
  $('grant').disabled = status !== 'open' || rung === null;
  $('rung').disabled = $('grant').disabled;
  if (rung !== null && document.activeElement !== $('rung')) $('rung').value = String(rung);
  $('rung').dataset.rung = rung === null ? '' : String(rung);
}

function tick() {
  const v = st.view;
  const t = $('time-left');
  if (!v || v.status !== 'open') { t.textContent = ''; return; }
  if (!st.deadline) { t.textContent = 'no time limit'; return; }
  const left = v.paused ? v.seconds_left : (st.deadline - Date.now()) / 1000;
  t.textContent = clock(left) + ' left';
}

// ---- roles ----

// seatOf is who holds a role ({role, name, online}: the server's seats), or null.
function seatOf(v, id) {
  return (v.seats || []).find((s) => s.role === id) || null;
}

function showRoles(v) {
  const roles = v.roles || [];
  st.held = new Set((v.seats || []).filter((x) => x.role).map((x) => x.role));
  const c = v.connected;
  const count = typeof c === 'object' && c ? (c.students !== undefined ? c.students : '') : c;
  const choosing = (v.seats || []).filter((x) => !x.role && x.online).length;
  setText('connected', (count !== undefined && count !== '' ? count + ' student' + (count === 1 ? '' : 's') + ' connected' : '') +
    (choosing ? ', ' + choosing + ' still choosing a role' : ''));
  const rows = roles.map((r) => {
    const seat = seatOf(v, r.id);
    const who = el('span', { class: 'who' });
    if (seat) {
      who.append(el('span', { class: 'dot' + (seat.online ? ' on' : ''), 'aria-hidden': 'true' }),
        String(seat.name || 'a student') + (seat.online ? '' : ' (away)'));
    } else who.textContent = 'the model';
    const free = seat ? el('button', { type: 'button', 'data-role': r.id, 'aria-label': 'Free ' + (r.name || r.id) }, 'Free') : null;
    if (free) free.addEventListener('click', () => send({ t: 'free', role: r.id }));
    return el('tr', { 'data-role': r.id, 'data-held': seat ? 'true' : 'false', 'data-online': seat && seat.online ? 'true' : 'false',
      'data-decided': r.decided ? 'true' : 'false' },
      el('th', { scope: 'row' }, el('span', { class: 'org', text: r.name || r.id }), r.member === false && r.kind !== 'youth' ? el('span', { class: 'hint', text: '(left) ' }) : null, who),
      el('td', { class: r.decided ? 'yes' : '', text: r.decided ? '✓' : v.status === 'open' ? '…' : '' ,
        'aria-label': r.decided ? 'decided' : v.status === 'open' ? 'not yet' : '' }),
      el('td', {}, free));
  });
  $('roles-table').tBodies[0].replaceChildren(...rows);
}

// NUMBERS are the numbers of both partnerships now (web/game's Numbers).
const NUMBERS = [['outcomes', 'In a job or studies'], ['participant_rate', 'The same, of those enrolled'], ['in_need', 'Young people in need'],
  ['mean_trust', 'Trust'], ['alignment', 'Effort fits needs'], ['members', 'Partners'], ['cost', 'Cost so far']];

// showNow writes both partnerships' numbers now, the full value of each in
// data-value (for the tests: they are the numbers a replay gives).
function showNow(p, a) {
  if (!p || !a) return;
  $('now').tBodies[0].replaceChildren(...NUMBERS.filter(([k]) => p[k] !== undefined).map(([k, label]) => el('tr', {},
    el('th', { scope: 'row', text: label }),
    el('td', { class: 'n played-text', id: 'n-played-' + k, 'data-value': String(p[k]), text: fmt(k, p[k]) }),
    el('td', { class: 'n alone-text', id: 'n-alone-' + k, 'data-value': String(a[k]), text: fmt(k, a[k]) }))));
}

// ---- network, events, decisions ----

function drawNet() {
  const v = st.view;
  if (!v || !v.network) return;
  const c = $('network');
  st.nodes = draw(c, v.network, st.held);
  c.setAttribute('aria-label', describe(v.network, st.held));
  const p = v.partnership && v.partnership.phase ? v.partnership.phase : v.phase;
  setText('phase', (v.design ? '· ' + v.design + ' ' : '') + (p ? '· ' + p + ' phase' : ''));
}

function networkKey() {
  const box = $('network-key');
  for (const k of ['nonprofit', 'public', 'private', 'academia', 'funder']) {
    const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.background = SECTORS[k][0];
    box.append(el('span', {}, sw, sectorName(k)));
  }
  box.append(el('span', { text: '· a ring: played by a student · lines: trust' }));
}

function showEvents(evs) {
  $('events').replaceChildren(...evs.slice(-6).reverse().map((e) => (typeof e === 'string' ? el('li', { text: e }) :
    el('li', {}, e.week !== undefined ? el('span', { class: 'wk', text: 'Week ' + e.week + ': ' }) : null, String(e.text || e.kind || '')))));
}

function showDecisions(v) {
  const ds = v.decisions || {};
  const names = Object.fromEntries((v.roles || []).map((r) => [r.id, r.name || r.id]));
  const list = Array.isArray(ds) ? ds.map((x) => [x.role || x.id, x.decision || x.d || x]) : Object.entries(ds);
  $('decisions').tBodies[0].replaceChildren(...list.map(([id, d]) => el('tr', {},
    el('th', { scope: 'row', text: names[id] || String(id) }), el('td', { text: decisionText(d) }))));
}

// decisionText says a decision in a few words.
export function decisionText(d) {
  if (!d || typeof d !== 'object') return d === null || d === undefined ? 'the model’s rule' : String(d);
  const out = [];
  if (d.agenda !== undefined && d.agenda !== null) out.push('agenda ' + pct(d.agenda));
  if (d.pool !== undefined && d.pool !== null) out.push('pool ' + pct(d.pool));
  if (d.attend !== undefined && d.attend !== null) out.push(d.attend ? 'attends' : 'stays away');
  if (d.bring) out.push('argues for ' + (BRING[d.bring] ? BRING[d.bring][0].toLowerCase() : d.bring));
  if (d.share !== undefined && d.share !== null) out.push(d.share ? 'shares data' : 'keeps its data');
  // A rule's stay is false where a review now may take it out (its exit
  // chance); a player's false is leaving.
  if (d.stay === false) out.push(d.exit_chance !== undefined ? 'may leave at its review' : 'leaves');
  if (Array.isArray(d.voice)) out.push('voices ' + d.voice.map((x) => pct(x)).join('/'));
  return out.length ? out.join(', ') : 'the model’s rule';
}

// ---- debrief ----

function showDebrief(d) {
  $('debrief').hidden = false;
  document.body.dataset.debrief = 'true';
  const t = d.totals || d;
  const parts = [];
  for (const [k, label] of [['outcomes', 'in a job or studies'], ['in_need', 'young people in need'], ['mean_trust', 'trust'], ['members', 'partners taking part']]) {
    const p = t.played && t.played[k] !== undefined ? t.played[k] : t['played_' + k];
    const a = t.alone && t.alone[k] !== undefined ? t.alone[k] : t['alone_' + k];
    if (p === undefined && a === undefined) continue;
    parts.push(label + ': ' + fmt(k, p) + ' played by the class, ' + fmt(k, a) + ' by the model alone');
  }
  setText('debrief-totals', parts.length ? 'At the end — ' + parts.join('; ') + '.' : '');
  const box = $('debrief-roles');
  box.replaceChildren(...(d.roles || []).map(debriefRole));
}

function debriefRole(r) {
  const rows = (r.rounds || []).map((x) => el('tr', { 'data-differs': x.differs ? 'true' : 'false' },
    el('td', { class: 'n', text: String(x.round) }),
    el('td', { class: x.differs ? 'differs' : '', text: decisionText(x.decision) }),
    el('td', { text: x.rule ? decisionText(x.rule) : '–' }),
    el('td', { text: x.differs ? 'differs' : 'the same' })));
  const id = 'debrief-' + r.id;
  return el('section', { class: 'panel', 'aria-labelledby': id, 'data-role': r.id },
    el('h3', { id, text: r.name || r.id }),
    el('p', { class: 'effect', text: effectText(r.effect) }),
    el('table', { class: 'plain' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'n', text: 'Round' }), el('th', { scope: 'col', text: 'Decided' }),
        el('th', { scope: 'col', text: 'The model’s rule' }), el('th', { scope: 'col', text: '' }))),
      el('tbody', {}, ...rows)));
}

// effectText says a role's effect: the outcome share with its decisions
// minus the same game's with the model's rule deciding for it, in points.
function effectText(e) {
  if (typeof e !== 'number' || !isFinite(e)) return '';
  const pts = Math.abs(100 * e).toFixed(1);
  if (pts === '0.0') return 'Its decisions made no difference to the share in a job or studies against the model’s rule.';
  return 'Its decisions ' + (e > 0 ? 'raised' : 'lowered') + ' the share in a job or studies by ' + pts +
    ' points against the same game with the model’s rule deciding for it.';
}

start();
