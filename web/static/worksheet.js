// The worksheet: a lesson on paper for each student. Its questions with
// boxes to tick, a line to write why, and, for each step the class ran, the
// run's key numbers as the page showed them, the prediction and what the
// run bore out; then the charts as they are now.

import { $, ui, WHERE } from './model.js';
import { METRICS, chartsCanvas } from './charts.js';

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// build writes the worksheet of the lesson being played.
export function build() {
  const ls = ui.lesson;
  const ws = $('worksheet');
  ws.replaceChildren();
  if (!ls) return ws;
  const bar = el('p');
  const print = el('button', 'Print');
  print.type = 'button';
  print.id = 'worksheet-print';
  print.addEventListener('click', () => window.print());
  const close = el('button', 'Close');
  close.type = 'button';
  close.id = 'worksheet-close';
  close.addEventListener('click', () => show(false));
  bar.append(print, ' ', close);
  bar.className = 'no-print';
  ws.append(bar, el('h1', 'Worksheet: ' + ls.l.title), el('p', ls.l.summary),
    el('p', 'Name: ______________________   Date: ____________'));
  ls.l.steps.forEach((st, i) => ws.append(stepPart(st, i, ls.record[i])));
  ws.append(el('h2', 'What we learned'), el('p', ls.l.goal), el('div', null, 'lines'), el('div', null, 'lines'));
  if (ui.snap) {
    const img = document.createElement('img');
    img.alt = 'The charts at week ' + ui.snap.week;
    img.src = chartsCanvas().toDataURL('image/png');
    ws.append(el('h2', 'The charts at week ' + ui.snap.week), img);
  }
  return ws;
}

function stepPart(st, i, rec) {
  const sec = el('section');
  sec.dataset.step = String(i);
  sec.append(el('h2', (i + 1) + '. ' + st.title), el('p', st.say), el('p', st.predict.question));
  const ul = el('ul');
  st.predict.choices.forEach((c, k) => {
    const li = el('li');
    li.append(el('span', rec && rec.choice === k ? '✓' : '', 'box'), c.text);
    ul.append(li);
  });
  sec.append(ul, el('p', 'Why do you think so?'), el('div', null, 'lines'));
  if (!rec) return sec;
  const t = el('table');
  t.className = 'numbers';
  const head = el('tr');
  head.append(el('th', 'week ' + rec.week), ...Object.values(METRICS).map((m) => el('th', m[0])));
  t.append(head);
  for (const side of [0, 1]) {
    const tr = el('tr');
    tr.append(el('th', WHERE[side] + ': ' + rec.titles[side]), ...rec.shown[side].map((x) => el('td', x)));
    t.append(tr);
  }
  const dr = el('tr');
  dr.append(el('th', 'Right − left'), ...rec.diff.map((x) => el('td', x)));
  t.append(dr);
  const held = st.predict.choices.filter((_, k) => rec.holds[k]).map((c) => c.text);
  sec.append(t, el('p', 'The run bore out: ' + (held.length ? held.join('; ') : 'none of the answers') + '.'), el('p', rec.text, 'explain'));
  return sec;
}

// show opens or closes the worksheet on screen; printing shows it alone.
export function show(on) {
  const ws = on ? build() : $('worksheet');
  ws.classList.toggle('preview', on);
  if (on) $('worksheet-print').focus();
}
