// The decision form: one control for each decision the role may take (its
// `can`), labelled for a screen reader and worked by keyboard. Sliders move
// in steps of 5%; the youth's five needs are shares of what it voices, and
// are sent as shares that add up to one.

import { el, pct, money, num, domainName, BRING } from './dom.js';

export const FIELDS = ['agenda', 'pool', 'attend', 'bring', 'share', 'stay', 'voice'];

// value is the decision in force for a field, or the model's rule where the
// student never set it.
function value(r, f) {
  const d = r.decision || {};
  if (d[f] !== undefined && d[f] !== null) return d[f];
  const rule = r.rule || {};
  return rule[f];
}

function slider(id, label, explain) {
  const input = el('input', { id, type: 'range', min: '0', max: '1', step: '0.05', 'aria-describedby': id + '-explain' });
  const out = el('output', { id: id + '-out', for: id });
  return el('div', { class: 'field' },
    el('label', { for: id }, label + ': ', out),
    input,
    el('span', { class: 'explain', id: id + '-explain', text: explain }));
}

function check(id, label, explain) {
  return el('label', { class: 'choice', for: id },
    el('input', { id, type: 'checkbox' }),
    el('span', {}, label, el('span', { class: 'sub', text: explain })));
}

export function buildControls(box, can, r, p) {
  box.replaceChildren();
  if (can.agenda) {
    box.append(slider('d-agenda', 'Hours to the common agenda',
      'The share of your free staff hours that works on the partnership’s agenda; the rest goes to your own KPIs.'));
  }
  if (can.pool) {
    box.append(slider('d-pool', 'Budget into the pooled fund',
      'The share of your budget you pledge to the pooled fund at the next round.'));
  }
  if (can.attend) box.append(check('d-attend', 'Attend the meetings', 'Send your delegates to the partnership’s meetings.'));
  if (can.bring) {
    const fs = el('fieldset', {}, el('legend', { text: 'At the table, argue for' }));
    for (const [k, [name, sub]] of Object.entries(BRING)) {
      fs.append(el('label', { class: 'choice', for: 'd-bring-' + k },
        el('input', { id: 'd-bring-' + k, type: 'radio', name: 'bring', value: k }),
        el('span', {}, name, el('span', { class: 'sub', text: sub }))));
    }
    box.append(fs);
  }
  if (can.share) {
    box.append(check('d-share', 'Share our data', 'Put your records in the shared measurement. It costs staff hours; the partnership sees better what works.'));
  }
  if (can.stay) {
    box.append(check('d-stay', 'Stay in the partnership', 'Unticked, your organisation leaves at the end of this round, for good.'));
    box.append(el('p', { id: 'd-stay-warn', class: 'warn', hidden: true, role: 'alert', text: 'You are about to leave the partnership. Leaving is for good.' }));
  }
  if (can.voice) box.append(voiceControls(p));
  bindOutputs(box, r);
}

function voiceControls(p) {
  const ds = p.domains && p.domains.length ? p.domains : ['1', '2', '3', '4', '5'].map((x) => 'need ' + x);
  const fs = el('fieldset', { id: 'd-voice' }, el('legend', { text: 'The needs you voice for the young people' }),
    el('p', { class: 'hint', text: 'How much each need matters to the young people, as you tell the partnership. Shares of the whole.' }));
  ds.forEach((d, i) => {
    const id = 'd-voice-' + i;
    fs.append(el('div', { class: 'field' },
      el('label', { for: id }, domainName(d) + ': ', el('output', { id: id + '-out', for: id })),
      el('input', { id, type: 'range', min: '0', max: '1', step: '0.05', 'data-domain': i })));
  });
  return fs;
}

// bindOutputs keeps each slider's reading beside it.
function bindOutputs(box, r) {
  const upd = () => showOutputs(box, r);
  box.addEventListener('input', upd);
  box.addEventListener('change', upd);
}

export function showOutputs(box, r) {
  const a = box.querySelector('#d-agenda');
  if (a) {
    const h = r.free_hours > 0 ? ' (about ' + num(a.value * r.free_hours) + ' hours a week)' : '';
    box.querySelector('#d-agenda-out').textContent = pct(+a.value) + h;
  }
  const p = box.querySelector('#d-pool');
  if (p) box.querySelector('#d-pool-out').textContent = pct(+p.value) + (r.budget > 0 ? ' (' + money(p.value * r.budget) + ')' : '');
  const s = box.querySelector('#d-stay');
  if (s) box.querySelector('#d-stay-warn').hidden = s.checked;
  const vs = [...box.querySelectorAll('#d-voice input[type="range"]')];
  const total = vs.reduce((t, x) => t + Number(x.value), 0);
  vs.forEach((x) => {
    box.querySelector('#' + x.id + '-out').textContent = total > 0 ? pct(x.value / total) : pct(1 / vs.length);
  });
}

export function fillControls(box, can, r) {
  const set = (id, x) => { const e = box.querySelector('#' + id); if (e && x !== undefined && x !== null) e.value = String(x); };
  // A rule may be a chance (attending: the model's attendance draw); the
  // box is ticked where it is more likely than not.
  const tick = (id, x, dflt) => {
    const e = box.querySelector('#' + id);
    if (e) e.checked = x === undefined || x === null ? dflt : typeof x === 'number' ? x >= 0.5 : !!x;
  };
  if (can.agenda) set('d-agenda', value(r, 'agenda'));
  if (can.pool) set('d-pool', value(r, 'pool'));
  if (can.attend) tick('d-attend', value(r, 'attend'), true);
  if (can.bring) {
    const b = value(r, 'bring') || 'own';
    for (const e of box.querySelectorAll('input[name="bring"]')) e.checked = e.value === b;
  }
  if (can.share) tick('d-share', value(r, 'share'), true);
  if (can.stay) tick('d-stay', value(r, 'stay'), true);
  if (can.voice) {
    const v = value(r, 'voice');
    box.querySelectorAll('#d-voice input[type="range"]').forEach((e, i) => { e.value = String(Array.isArray(v) && v[i] !== undefined ? v[i] : 0.2); });
  }
  showOutputs(box, r);
}

export function readControls(box, can) {
  const d = {};
  const n = (id) => Number(box.querySelector('#' + id).value);
  if (can.agenda) d.agenda = n('d-agenda');
  if (can.pool) d.pool = n('d-pool');
  if (can.attend) d.attend = box.querySelector('#d-attend').checked;
  if (can.bring) {
    const b = box.querySelector('input[name="bring"]:checked');
    if (b) d.bring = b.value;
  }
  if (can.share) d.share = box.querySelector('#d-share').checked;
  if (can.stay) d.stay = box.querySelector('#d-stay').checked;
  if (can.voice) {
    const vs = [...box.querySelectorAll('#d-voice input[type="range"]')].map((e) => Number(e.value));
    const total = vs.reduce((t, x) => t + x, 0);
    d.voice = vs.map((x) => (total > 0 ? x / total : 1 / vs.length));
  }
  return d;
}
