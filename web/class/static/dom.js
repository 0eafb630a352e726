// Small DOM helpers shared by the student and teacher pages. Every string
// that reaches the page goes in as text (textContent, attributes), never as
// markup: names come from the scenario's file and from students.

export const $ = (id) => document.getElementById(id);

// el makes an element with attributes (a `class` and `data-*` among them)
// and children: strings become text nodes.
export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    e.append(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
  }
  return e;
}

// setText writes text into the element with that id, if it is there.
export function setText(id, s) {
  const e = $(id);
  if (e) e.textContent = s;
}

export const pct = (x) => (x === null || x === undefined || !isFinite(x) ? '–' : Math.round(100 * x) + '%');
export const num = (x, d = 0) => (x === null || x === undefined || !isFinite(x) ? '–' : Number(x).toFixed(d));

// money writes an amount in SEK: millions with one decimal, or thousands.
export function money(x) {
  if (x === null || x === undefined || !isFinite(x)) return '–';
  if (Math.abs(x) >= 1e6) return 'SEK ' + (x / 1e6).toFixed(1) + ' million';
  if (Math.abs(x) >= 1e3) return 'SEK ' + Math.round(x / 1e3) + ' thousand';
  return 'SEK ' + Math.round(x);
}

// clock writes seconds as m:ss.
export function clock(s) {
  s = Math.max(0, Math.ceil(s));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

// domainName makes a domain's key readable ("mental_health" → "mental health").
export const domainName = (d) => String(d).replace(/_/g, ' ');

// BRING names what a delegate argues for at the table.
export const BRING = {
  own: ['Its own priorities', 'what your organisation is judged on (the model’s usual rule)'],
  needs: ['The young people’s needs', 'as the partnership believes them to be'],
  plan: ['The plan as it stands', 'the agenda the partnership agreed'],
};

// STATUS is each round status in words.
export const STATUS = { lobby: 'Waiting to start', open: 'Round open', closed: 'Round closed', over: 'Game over', paused: 'Paused' };
