// Colours, in one place so that the contrast test can read every pair the
// page draws text in (window.cisimUI.palette). The sides are blue and dark
// orange; sectors and the young people's states use other hues, so that no
// colour means two things.

export const SIDE = ['#0072B2', '#B84F00'];
export const INK = '#111111';
export const MUTED = '#3d3d3d';
export const PAPER = '#ffffff';
export const GRID = '#d0d0d0';

// tint mixes a colour with white: a of the colour, 1 − a of white.
export function tint(hex, a) {
  return '#' + [1, 3, 5].map((i) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * a).toString(16).padStart(2, '0')).join('');
}

// The Monte Carlo's bands (bands.js): the left's filled with tints of its
// colour, for 90% of the runs and the middle 50%; the right's hatched with
// a tint of its colour, stripes `stripe` CSS pixels wide across every
// `period`; the edges `edge` CSS pixels wide in the side's colour, the
// left's wider (as its line is). The tints are light enough that both
// sides' lines stay at least 3:1 on each (the contrast test checks).
export const BAND = { fill: [tint(SIDE[0], 0.2), tint(SIDE[0], 0.3)], hatch: tint(SIDE[1], 0.35), stripe: 5, period: 14, edge: [2, 1] };

// Sectors of the partners: fills of the network's nodes, outlined in ink.
export const SECTORS = {
  nonprofit: ['#009E73', 'non-profit'], public: ['#56B4E9', 'public'], private: ['#F0E442', 'company'],
  academia: ['#CC79A7', 'academia'], funder: ['#9a9a9a', 'funder'], backbone: ['#111111', 'backbone'],
};

// The young people's states (agents.State), drawn as dots on a dark ground,
// against which each is at least 3:1.
export const DOTS_GROUND = '#111111';
export const STATES = [['#8c8c8c', 'not reached'], ['#F0E442', 'enrolled'], ['#CC79A7', 'progressing'],
  ['#2bb98f', 'in a job or studies'], ['#ffffff', 'dropped out']];

// Marks of the event groups, on the charts and in the feed.
export const GROUP_MARKS = {
  plan: ['●', 'plan'], partners: ['▲', 'partners'], money: ['■', 'money'], rule: ['◆', 'rule'], intervention: ['┃', 'change'],
};

// canvasText lists the text colours drawn on canvases, each with its
// ground, for the contrast test.
export const canvasText = [
  { what: 'network names', fg: INK, bg: PAPER }, { what: 'network names, not taking part', fg: MUTED, bg: PAPER },
  { what: 'chart ticks', fg: INK, bg: PAPER }, { what: 'left marks', fg: SIDE[0], bg: PAPER },
  { what: 'right marks', fg: SIDE[1], bg: PAPER }, { what: 'threshold label', fg: INK, bg: PAPER },
];
