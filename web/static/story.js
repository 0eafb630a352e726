// The story panel's feed: the events of both runs in plain sentences,
// newest first, with the mark each carries on the charts.

import { $, ui, WHERE } from './model.js';
import { GROUP_MARKS } from './colours.js';
import { markers, renewals } from './charts.js';

const FEED = 12; // events listed: as many as fit beside a lesson at 1280 × 720

export function buildFeed() {
  $('feed-keys').textContent = Object.entries(GROUP_MARKS).map(([, [s, w]]) => s + ' ' + w).join(' · ');
  ui.listeners.push(showFeed);
}

// QUIET are the kinds that come by the dozen: the feed counts them rather
// than list them, so that a partner leaving is not lost among them; so
// too a funding round that renews the money as before.
const QUIET = { funding_round: 'funding rounds renewed at the same money', conflict: 'conflicts', conflict_resolved: 'conflicts worked through',
  innovation_adopted: 'new ways of working taken up', innovation_abandoned: 'dropped', staff_turnover: 'key people leaving' };

// showFeed lists the latest events that matter to a class, newest first,
// and counts the rest.
function showFeed() {
  const all = [];
  const quiet = [{}, {}];
  for (const side of [0, 1]) {
    const marked = new Set(markers(side).map((m) => m.text));
    const renewed = renewals(side); // rounds that renew the money as before: counted
    for (const e of ui.events[side]) {
      if (e.told) continue; // a rule's change, which its trigger's sentence tells
      if (QUIET[e.kind] && (e.kind !== 'funding_round' || renewed.has(e))) {
        quiet[side][e.kind] = (quiet[side][e.kind] || 0) + 1;
        continue;
      }
      all.push({ ...e, side, mark: marked.has(e.text) });
    }
  }
  all.sort((a, b) => b.week - a.week || a.side - b.side);
  const ol = $('events');
  ol.replaceChildren(...all.slice(0, FEED).map((e) => {
    const li = document.createElement('li');
    li.className = 'side-' + e.side;
    li.dataset.week = String(e.week);
    li.dataset.kind = e.kind;
    const who = document.createElement('span');
    who.className = 'sym ' + (e.side ? 'b-text' : 'a-text');
    const m = e.mark ? Object.entries(GROUP_MARKS).find(([g]) => g === e.group) : null;
    who.textContent = (m ? m[1][0] + ' ' : '') + WHERE[e.side] + ' ';
    li.append(who, document.createTextNode(e.text));
    return li;
  }));
  if (all.length === 0) {
    const li = document.createElement('li');
    li.textContent = ui.snap.week === 0 ? 'Nothing yet: press Play.' : 'Nothing of note yet.';
    ol.append(li);
  }
  const counts = [0, 1].map((side) => Object.entries(quiet[side]).map(([k, n]) => n + ' ' + QUIET[k]).join(', ')).map((t, side) => (t ? WHERE[side] + ': ' + t : ''));
  const p = $('feed-counts');
  p.textContent = counts.filter(Boolean).length ? 'Also: ' + counts.filter(Boolean).join('. ') + '.' : '';
}

