// The classroom page. Every number comes from the cisim engine, compiled to
// WebAssembly (model.js); these modules only build the controls and draw:
//   model.js     the engine's calls and the page's shared state
//   run.js       play, step, reset, speed, jumping and replaying a history
//   sides.js     each side's heading, phase and network, a partner's details
//   charts.js    the charts, their readouts, event marks and the difference chart
//   bands.js     the Monte Carlo's bands, filled and hatched, on the charts and in the keys
//   story.js     the events as a feed
//   levers.js    the levers drawer: designs, levers, exercises, many runs, downloads
//   lesson.js    guided lessons: predict, run, explain
//   urlstate.js  the state in the link
//   worksheet.js the printable worksheet
//   info.js      the Info panel
//   colours.js   every colour, for the contrast test

import { $, ui, call, apply, status, load } from './model.js';
import { bindRun, failed, safely, setPlaying } from './run.js';
import { buildSides, nodes, labels } from './sides.js';
import { buildCharts, chartsCanvas, charts, markers } from './charts.js';
import { buildFeed } from './story.js';
import { buildLevers, setView } from './levers.js';
import { buildLessons, progress, start as startLesson, enter, leave } from './lesson.js';
import { bindState, restore, encode } from './urlstate.js';
import { show as showWorksheet, build as buildWorksheet } from './worksheet.js';
import { buildInfo } from './info.js';
import * as colours from './colours.js';

async function main() {
  const { stopped } = await load();
  stopped.then(() => failed(new Error('The model stopped. Reload the page to start again.')));
  buildSides();
  buildCharts();
  buildFeed();
  buildLevers();
  buildLessons();
  buildInfo();
  bindRun();
  bindPanels();
  (ui.onProgress = ui.onProgress || []).push(progress);
  (ui.onWorksheet = ui.onWorksheet || []).push(showWorksheet);
  apply(call('snapshot'));
  setView('teacher');
  let restored = false;
  try {
    restored = restore(location.hash);
  } catch (e) {
    status('The link could not be followed: ' + e.message, true);
  }
  bindState();
  for (const b of document.querySelectorAll('button, select')) b.disabled = false;
  if (!restored) status('Ready. Press Play, pick a lesson under Lessons, or set up the designs under Levers.');
  document.body.dataset.readyMs = String(Math.round(performance.now())); // load time, for the README
  document.body.dataset.ready = 'true';
}

function bindPanels() {
  $('open-levers').addEventListener('click', () => $('levers-drawer').showModal());
  $('open-lessons').addEventListener('click', () => $('lessons-menu').showModal());
  for (const b of document.querySelectorAll('dialog [data-close]')) b.addEventListener('click', () => b.closest('dialog').close());
  $('size-by').addEventListener('change', () => { ui.sizeBy = $('size-by').value; apply(ui.snap); });
  const fs = $('fullscreen');
  const toggle = safely(() => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch((e) => status('Full screen is not allowed here: ' + e.message, true));
  });
  fs.addEventListener('click', toggle);
  document.addEventListener('fullscreenchange', () => fs.setAttribute('aria-pressed', String(!!document.fullscreenElement)));
  document.addEventListener('keydown', (ev) => {
    const typing = ev.target.closest && ev.target.closest('input, select, textarea, dialog');
    if (!typing && (ev.key === 'f' || ev.key === 'F') && !ev.ctrlKey && !ev.metaKey && !ev.altKey) toggle();
  });
}

// For tests and the curious: the page's state, the charts on one canvas,
// the palette, the link and the lessons.
window.cisimUI = { state: ui, charts, markers, nodes, labels, redraw: () => apply(ui.snap), chartsCanvas, palette: colours, encode, startLesson, enter, leave, buildWorksheet, setPlaying };

window.addEventListener('DOMContentLoaded', () => {
  main().catch((e) => status('The model did not start: ' + e.message, true));
});
