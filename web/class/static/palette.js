// Colours: those of the classroom page (web/static/colours.js), so that the
// two pages read as one product. Kept here rather than imported, because the
// class pages are served on their own path and embedded on their own.
// The two lines are the classroom's blue and dark orange (5:1 on white):
// blue is the game the class plays, orange the same design played by the
// model alone. Sectors fill the network's nodes, outlined in ink.

export const PLAYED = '#0072B2';
export const ALONE = '#B84F00';
export const INK = '#111111';
export const MUTED = '#3d3d3d';
export const PAPER = '#ffffff';
export const GRID = '#d0d0d0';

export const SECTORS = {
  nonprofit: ['#009E73', 'non-profit'], public: ['#56B4E9', 'public'], private: ['#F0E442', 'company'],
  academia: ['#CC79A7', 'academia'], funder: ['#9a9a9a', 'funder'], backbone: ['#111111', 'backbone'],
  youth: ['#ffffff', 'young people'],
};

// sectorName is a sector's word for people ("private" → "company").
export const sectorName = (k) => (SECTORS[k] ? SECTORS[k][1] : String(k || ''));
