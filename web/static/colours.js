// Colours, in one place so that the contrast test can read every pair the
// page draws text in (window.cisimUI.palette). The sides are blue and dark
// orange; sectors and the young people's states use other hues, so that no
// colour means two things.

export const SIDE = ['#0072B2', '#B84F00'];
export const INK = '#111111';
export const MUTED = '#3d3d3d';
export const PAPER = '#ffffff';
export const GRID = '#d0d0d0';

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
