// The classroom page. Every number comes from the cisim engine, compiled to
// WebAssembly (cisim.wasm, which puts the object `cisim` on window); this
// file only builds the controls, draws and charts.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const SIDES = [0, 1];
  const WHERE = ['Left', 'Right'];
  const SIDE_COLOURS = ['#0072B2', '#D55E00'];
  // Okabe–Ito colours: sectors of the partners, states of the young people.
  const SECTORS = {
    nonprofit: ['#009E73', 'non-profit'], public: ['#56B4E9', 'public'], private: ['#E69F00', 'company'],
    academia: ['#CC79A7', 'academia'], funder: ['#F0E442', 'funder'], backbone: ['#000000', 'backbone'],
  };
  const STATES = [['#C8C8C8', 'not reached'], ['#56B4E9', 'enrolled'], ['#0072B2', 'progressing'],
    ['#009E73', 'in a job or studies'], ['#D55E00', 'dropped out']];
  const PHASES = ['initiation', 'run', 'redesign', 'exponential'];
  const METRICS = {
    outcome_rate: ['In job or studies', 'Outcome rate (job or studies)', [0, 1]],
    mean_trust: ['Partners’ trust', 'Mean trust between partners', [0, 1]],
    agenda_alignment: ['Effort fits needs', 'Agenda–need alignment', [0, 1]],
    partners_remaining: ['Partners', 'Partners remaining', null],
  };
  const SPEEDS = [1, 2, 4, 8, 16, 26, 52, 104]; // weeks a second

  const ui = {
    cat: null,
    configs: [null, null], // {scenario, levers: {key: value}} of each side: the levers changed
    snap: null,
    weeks: 0,
    live: [{}, {}], // charted metric → values, one per week (null beyond the week reached)
    bands: null,
    charts: [],
    playing: false,
    acc: 0,
    last: 0,
    mcGen: 0,
    seedShown: null, // the seed last written to the seed field
  };

  // call runs one function of the model; it throws the model's one-line error.
  function call(name, ...args) {
    const out = window.cisim[name](...args);
    if (name === 'csv' && !out.startsWith('{')) return out;
    const v = JSON.parse(out);
    if (v && v.error) throw new Error(v.error);
    return v;
  }

  // failed stops whatever was running after a call into the model threw,
  // so play does not stop silently with its button stuck, and says why.
  function failed(e) {
    setPlaying(false);
    cancelMonteCarlo();
    status((e && e.message) || String(e), true);
  }

  // safely wraps an event handler so its errors reach the status line.
  function safely(fn) {
    return (...args) => {
      try {
        return fn(...args);
      } catch (e) {
        failed(e);
        return undefined;
      }
    };
  }

  function status(msg, isError) {
    const s = $('status');
    s.textContent = msg;
    s.classList.toggle('error', !!isError);
  }

  // ---- start ----

  async function start() {
    const go = new window.Go();
    let inst;
    try {
      inst = await WebAssembly.instantiateStreaming(fetch('cisim.wasm'), go.importObject);
    } catch (e) {
      // A web server that does not send application/wasm: compile from bytes.
      const resp = await fetch('cisim.wasm');
      if (!resp.ok) throw new Error('cannot load cisim.wasm: ' + resp.status + ' ' + resp.statusText);
      inst = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
    }
    const ready = new Promise((resolve) => document.addEventListener('cisim-ready', resolve, { once: true }));
    // The model never returns from main; if it does, every later call throws.
    go.run(inst.instance).then(() => failed(new Error('The model stopped. Reload the page to start again.')));
    await ready;
    ui.cat = call('catalog');
    ui.configs = ui.cat.defaults.map((name) => ({ scenario: name, levers: {} }));
    buildScenarioPickers();
    buildLevers();
    SIDES.forEach(buildSide);
    buildCharts();
    bindControls();
    showLevers();
    apply(call('snapshot'));
    for (const b of document.querySelectorAll('button')) b.disabled = false;
    status('Ready. Press Play, or Step a week at a time.');
    document.body.dataset.ready = 'true';
  }

  // ---- levers ----

  function leverId(side, key) { return 'lever-' + side + '-' + key.replace(/\./g, '-'); }

  // value is the lever's current value on a side: changed, or the scenario's.
  function value(side, lever) {
    const c = ui.configs[side];
    if (lever.key in c.levers) return c.levers[lever.key];
    return ui.cat.values[c.scenario][lever.key];
  }

  function leverText(lever, v) {
    if (lever.kind === 'switch') return v ? 'on' : 'off';
    if (v === null) return lever.listed;
    if (lever.names) return v + ' ' + lever.names[v - lever.min];
    if (v === 0 && lever.zero) return lever.zero;
    const s = Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
    return lever.unit ? s + ' ' + lever.unit : s;
  }

  function buildScenarioPickers() {
    for (const side of SIDES) {
      const sel = $('scenario-' + side);
      for (const s of ui.cat.scenarios) {
        const o = document.createElement('option');
        o.value = s.name;
        o.textContent = s.name;
        o.title = s.purpose;
        sel.append(o);
      }
      sel.value = ui.configs[side].scenario;
      sel.addEventListener('change', safely(() => {
        const old = ui.configs[side];
        // A new design drops that side's design levers but keeps the
        // both-sides ones: they describe the problem and must stay equal.
        const levers = {};
        for (const lever of ui.cat.levers) {
          if (lever.world && lever.key in old.levers) levers[lever.key] = old.levers[lever.key];
        }
        ui.configs[side] = { scenario: sel.value, levers };
        configure([side], () => { ui.configs[side] = old; sel.value = old.scenario; });
      }));
    }
  }

  function buildLevers() {
    const body = document.querySelector('#levers tbody');
    for (const lever of ui.cat.levers) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.innerHTML = '<span class="label"></span><span class="explain"></span>';
      th.querySelector('.label').textContent = lever.label + ' ';
      if (lever.world) {
        const w = document.createElement('span');
        w.className = 'world';
        w.textContent = 'both sides';
        th.querySelector('.label').append(w);
      }
      th.querySelector('.explain').textContent = lever.explain;
      th.querySelector('.explain').id = explainId(lever.key);
      th.id = 'lever-label-' + lever.key.replace(/\./g, '-');
      tr.append(th);
      for (const side of SIDES) tr.append(leverCell(side, lever));
      body.append(tr);
    }
  }

  // explainId names a lever's explanation, which both sides' controls
  // point to with aria-describedby.
  function explainId(key) {
    return 'lever-explain-' + key.replace(/\./g, '-');
  }

  function leverCell(side, lever) {
    const td = document.createElement('td');
    const id = leverId(side, lever.key);
    const name = lever.label + ', ' + WHERE[side].toLowerCase() + ' side';
    if (lever.kind === 'switch') {
      const label = document.createElement('label');
      label.className = 'switch';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.setAttribute('role', 'switch');
      input.id = id;
      input.setAttribute('aria-label', name);
      input.setAttribute('aria-describedby', explainId(lever.key));
      const span = document.createElement('span');
      label.append(input, span);
      td.append(label);
      input.addEventListener('change', safely(() => setLever(side, lever, input.checked)));
    } else {
      const input = document.createElement('input');
      input.type = 'range';
      input.id = id;
      input.min = lever.min;
      input.max = lever.max;
      input.step = lever.step;
      input.setAttribute('aria-label', name);
      input.setAttribute('aria-describedby', explainId(lever.key));
      const out = document.createElement('output');
      out.htmlFor = id;
      td.append(input, out);
      input.addEventListener('input', () => {
        out.textContent = leverText(lever, Number(input.value));
        input.setAttribute('aria-valuetext', out.textContent);
      });
      input.addEventListener('change', safely(() => setLever(side, lever, Number(input.value))));
    }
    return td;
  }

  function showLevers() {
    for (const lever of ui.cat.levers) {
      for (const side of SIDES) {
        const input = $(leverId(side, lever.key));
        const v = value(side, lever);
        const td = input.closest('td');
        td.classList.toggle('changed', lever.key in ui.configs[side].levers);
        if (lever.kind === 'switch') {
          input.checked = v;
          td.querySelector('span').textContent = leverText(lever, v);
        } else {
          // A generator lever left as listed sits mid-range, reading "as listed".
          input.value = v === null ? (lever.min + lever.max) / 2 : v;
          const text = leverText(lever, v);
          td.querySelector('output').textContent = text;
          input.setAttribute('aria-valuetext', text);
        }
      }
    }
  }

  function setLever(side, lever, v) {
    const sides = lever.world ? SIDES : [side];
    const old = sides.map((s) => ({ ...ui.configs[s].levers }));
    for (const s of sides) ui.configs[s].levers[lever.key] = v;
    configure(sides, () => sides.forEach((s, k) => { ui.configs[s].levers = old[k]; }));
  }

  // configure sends the sides' settings to the model, which restarts both
  // runs; on an error it undoes the change and says why.
  function configure(sides, undo) {
    cancelMonteCarlo();
    let snap = null;
    try {
      for (const s of sides) snap = call('configure', s, JSON.stringify(ui.configs[s]));
      status('Both runs restart from week 0 with the new settings.');
      clearErrors();
    } catch (e) {
      undo();
      for (const s of sides) {
        try { snap = call('configure', s, JSON.stringify(ui.configs[s])); } catch (_) { /* the old settings loaded before */ }
      }
      status(e.message, true);
      document.querySelector('#side-' + sides[0] + ' .error').textContent = e.message;
    }
    showLevers();
    apply(snap || call('snapshot'));
  }

  function clearErrors() {
    for (const p of document.querySelectorAll('.side .error')) p.textContent = '';
  }

  // ---- the sides ----

  function buildSide(side) {
    const art = $('side-' + side);
    art.append($('side-template').content.cloneNode(true));
    art.querySelector('.side-title').id = 'side-' + side + '-title';
    art.querySelector('.where').textContent = WHERE[side];
    const ol = art.querySelector('.phases');
    for (const p of PHASES) {
      const li = document.createElement('li');
      li.dataset.phase = p;
      li.innerHTML = '<span></span><small></small>';
      li.querySelector('span').textContent = p;
      ol.append(li);
    }
    const dl = art.querySelector('.numbers');
    for (const m of ui.cat.charted) {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = METRICS[m][0];
      dt.id = 'label-' + side + '-' + m;
      const dd = document.createElement('dd');
      const out = document.createElement('output');
      out.id = 'v-' + side + '-' + m;
      out.setAttribute('aria-labelledby', dt.id);
      out.textContent = '–';
      dd.append(out);
      div.append(dt, dd);
      dl.append(div);
    }
    art.querySelector('.sector-legend').innerHTML = Object.values(SECTORS)
      .map(([c, name]) => '<span class="swatch round" data-colour="' + c + '"></span>' + name).join(' ');
    art.querySelector('.size-by').addEventListener('change', () => drawSide(side));
    art.querySelector('.size-by').setAttribute('aria-label', 'Size of the partners by, ' + WHERE[side].toLowerCase() + ' side');
    colourSwatches(art);
  }

  // colourSwatches paints legend swatches from script (inline style attributes
  // are refused by the page's content security policy; style properties are not).
  function colourSwatches(root) {
    for (const s of root.querySelectorAll('[data-colour]')) {
      s.style.background = s.getAttribute('data-colour');
    }
  }

  function apply(snap) {
    if (snap.week === 0 || !ui.snap || snap.weeks !== ui.weeks) resetSeries(snap.weeks);
    for (const side of SIDES) {
      const ss = snap.sides[side];
      for (const m of ui.cat.charted) {
        const v = ss.series[m];
        for (let k = 0; k < v.length; k++) ui.live[side][m][ss.from + k] = v[k];
      }
    }
    ui.snap = snap;
    showSnapshot();
    updateCharts();
  }

  function showSnapshot() {
    const snap = ui.snap;
    const w = $('week');
    w.dataset.week = snap.week;
    w.textContent = 'Week ' + snap.week + ' of ' + snap.weeks + ' · year ' + (snap.week / 52).toFixed(1);
    // Only a new seed is written to the field, and never while someone types
    // in it: playing redraws every frame and would overwrite their digits.
    const seedField = $('seed');
    if (snap.seed !== ui.seedShown && document.activeElement !== seedField) {
      seedField.value = snap.seed;
      ui.seedShown = snap.seed;
    }
    for (const side of SIDES) {
      const ss = snap.sides[side];
      const art = $('side-' + side);
      art.querySelector('.name').textContent = ss.scenario;
      const entry = ui.cat.scenarios.find((s) => s.name === ss.scenario);
      art.querySelector('.purpose').textContent = entry ? entry.purpose : '';
      art.querySelector('.purpose').title = entry ? entry.purpose : '';
      $('legend-' + side).textContent = WHERE[side].toLowerCase() + ': ' + ss.scenario;
      for (const sh of ss.shown) {
        const out = $('v-' + side + '-' + sh.metric);
        out.textContent = sh.text;
        out.dataset.value = ss.week > 0 ? String(sh.value) : '';
        out.dataset.week = ss.week;
      }
      for (const li of art.querySelectorAll('.phases li')) {
        const k = PHASES.indexOf(li.dataset.phase);
        const at = ss.phaseAt[k];
        li.classList.toggle('reached', at >= 0);
        li.classList.toggle('current', ss.phase === li.dataset.phase);
        li.querySelector('small').textContent = at >= 0 ? 'week ' + at : '–';
        if (ss.phase === li.dataset.phase) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
      }
      art.dataset.phase = ss.phase;
      const legend = art.querySelector('.state-legend');
      legend.innerHTML = STATES.map(([c, name], k) =>
        '<span class="swatch" data-colour="' + c + '"></span>' + name + ' <b>' + ss.counts[k] + '</b>').join(' ');
      colourSwatches(legend);
      showEvents(art, ss);
      $('cmd-' + side).textContent = ss.command;
      drawSide(side);
    }
  }

  // showEvents lists the latest events of a side's log (the engine's own
  // words, from the snapshot), newest last.
  function showEvents(art, ss) {
    const ol = art.querySelector('.events');
    ol.replaceChildren(...ss.events.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
    art.querySelector('.logged').textContent = ss.logged === 0 ? 'nothing yet' :
      ss.logged + (ss.logged === 1 ? ' event' : ' events') + (ss.logged > ss.events.length ? ', the latest ' + ss.events.length : '');
  }

  function drawSide(side) {
    const ss = ui.snap.sides[side];
    const art = $('side-' + side);
    drawNetwork(art.querySelector('canvas.network'), ss, art.querySelector('.size-by').value);
    drawDots(art.querySelector('canvas.dots'), ss);
  }

  // fit sizes a canvas's drawing buffer to its size on screen.
  function fit(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return [ctx, canvas.clientWidth, canvas.clientHeight];
  }

  function drawNetwork(canvas, ss, sizeBy) {
    const [ctx, W, H] = fit(canvas);
    ctx.clearRect(0, 0, W, H);
    const n = ss.actors.length;
    const cx = W / 2, cy = H / 2, rx = Math.max(10, W / 2 - 45), ry = Math.max(10, H / 2 - 34);
    const pos = ss.actors.map((_, i) => {
      const a = -Math.PI / 2 + 2 * Math.PI * i / n;
      return [cx + rx * Math.cos(a), cy + ry * Math.sin(a), a];
    });
    // Edges: mean trust of each pair of partners, both taking part.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (!ss.actors[i].member || !ss.actors[j].member) continue;
        const t = (ss.trust[i * n + j] + ss.trust[j * n + i]) / 2;
        ctx.strokeStyle = 'rgba(30,30,30,' + (0.12 + 0.8 * t).toFixed(3) + ')';
        ctx.lineWidth = 0.5 + 9 * t * t;
        ctx.beginPath();
        ctx.moveTo(pos[i][0], pos[i][1]);
        ctx.lineTo(pos[j][0], pos[j][1]);
        ctx.stroke();
      }
    }
    const size = ss.actors.map((a) => (sizeBy === 'voice' ? a.voice : a.budget));
    const top = Math.max(...size, 1e-12);
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const placed = []; // [x, y, width] of the names written
    ss.actors.forEach((a, i) => {
      const r = 5 + 17 * Math.sqrt(Math.max(0, size[i]) / top);
      const [x, y, ang] = pos[i];
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.setLineDash(a.member ? [] : [4, 3]);
      ctx.fillStyle = a.member ? (SECTORS[a.sector] || ['#888'])[0] : '#ffffff';
      ctx.fill();
      ctx.lineWidth = a.member ? 2 : 2.5;
      ctx.strokeStyle = a.member ? '#000' : (SECTORS[a.sector] || ['#666'])[0];
      ctx.stroke();
      ctx.setLineDash([]);
      // The name centred below the node (above it in the top half), kept
      // inside the canvas.
      const name = a.name.length > 16 ? a.name.slice(0, 15) + '…' : a.name;
      const tw = ctx.measureText(name).width;
      const lx = Math.max(2, Math.min(W - 2 - tw, x - tw / 2));
      const below = Math.sin(ang) > -0.2;
      // A name that would cover one already written moves a line further
      // out, or in where there is no room.
      const y0 = Math.max(8, Math.min(H - 8, below ? y + r + 10 : y - r - 10));
      const away = below ? 15 : -15;
      const free = (ly) => ly >= 8 && ly <= H - 8 &&
        !placed.some((b) => lx < b[0] + b[2] + 8 && b[0] < lx + tw + 8 && Math.abs(ly - b[1]) < 14);
      const ly = [0, 1, 2, -1, -2].map((k) => y0 + k * away).find(free) ?? y0;
      placed.push([lx, ly, tw]);
      ctx.textAlign = 'left';
      ctx.fillStyle = a.member ? '#111' : '#666';
      ctx.fillText(name, lx, ly);
    });
    const members = ss.actors.filter((a) => a.member).length;
    canvas.setAttribute('aria-label', 'Network of ' + n + ' organisations, ' + members + ' taking part');
  }

  function drawDots(canvas, ss) {
    const [ctx, W, H] = fit(canvas);
    ctx.clearRect(0, 0, W, H);
    const N = ss.states.length;
    const cols = Math.max(1, Math.ceil(Math.sqrt(N * W / H)));
    const rows = Math.ceil(N / cols);
    const cell = Math.min(W / cols, H / rows);
    const r = Math.max(0.8, cell * 0.4);
    const ox = (W - cols * cell) / 2, oy = (H - rows * cell) / 2;
    for (let k = 0; k < STATES.length; k++) {
      ctx.fillStyle = STATES[k][0];
      ctx.beginPath();
      for (let b = 0; b < N; b++) {
        if (ss.states.charCodeAt(b) - 48 !== k) continue;
        const x = ox + (b % cols + 0.5) * cell, y = oy + (Math.floor(b / cols) + 0.5) * cell;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    canvas.setAttribute('aria-label', N + ' young people: ' +
      STATES.map(([, name], k) => ss.counts[k] + ' ' + name).join(', '));
  }

  // ---- charts ----

  // The series of every chart: x, left, right, then per side the band edges
  // 5, 95, 25, 75% and the median of a Monte Carlo.
  function bandSeries(side) {
    const c = SIDE_COLOURS[side];
    const edge = { stroke: 'transparent', width: 0, points: { show: false } };
    return [
      { label: WHERE[side] + ' 5%', ...edge }, { label: WHERE[side] + ' 95%', ...edge },
      { label: WHERE[side] + ' 25%', ...edge }, { label: WHERE[side] + ' 75%', ...edge },
      { label: WHERE[side] + ' median', stroke: c, width: 1.5, dash: [6, 4], points: { show: false } },
    ];
  }

  function buildCharts() {
    const box = $('charts');
    for (const m of ui.cat.charted) {
      const div = document.createElement('div');
      div.className = 'chart';
      div.id = 'chart-' + m;
      div.dataset.points = '0';
      div.setAttribute('role', 'img');
      div.setAttribute('aria-label', METRICS[m][1] + ' over time');
      const h3 = document.createElement('h3');
      h3.textContent = METRICS[m][1];
      div.append(h3);
      box.append(div);
      const range = METRICS[m][2];
      const opts = {
        width: 400, height: 210,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: () => [0, Math.max(ui.weeks, 1) / 52] },
          y: { range: range ? () => range : () => [0, maxActors()] },
        },
        axes: [
          { label: 'years', font: '15px system-ui, sans-serif', labelFont: '600 15px system-ui, sans-serif', stroke: '#111', grid: { stroke: '#ddd' }, size: 40, labelSize: 22 },
          { font: '15px system-ui, sans-serif', stroke: '#111', grid: { stroke: '#ddd' }, size: 50 },
        ],
        series: [
          {},
          { label: WHERE[0], stroke: SIDE_COLOURS[0], width: 3, points: { show: false } },
          { label: WHERE[1], stroke: SIDE_COLOURS[1], width: 3, points: { show: false } },
          ...bandSeries(0), ...bandSeries(1),
        ],
        bands: [
          { series: [4, 3], fill: SIDE_COLOURS[0] + '26' }, { series: [6, 5], fill: SIDE_COLOURS[0] + '40' },
          { series: [9, 8], fill: SIDE_COLOURS[1] + '26' }, { series: [11, 10], fill: SIDE_COLOURS[1] + '40' },
        ],
      };
      const u = new window.uPlot(opts, emptyData(), div);
      ui.charts.push({ metric: m, div, u });
    }
    const resize = () => {
      for (const c of ui.charts) c.u.setSize({ width: Math.max(200, c.div.clientWidth), height: 210 });
      if (ui.snap) SIDES.forEach(drawSide);
    };
    window.addEventListener('resize', resize);
    resize();
  }

  // maxActors is the top of the partners chart: every organisation of either side.
  function maxActors() {
    return ui.snap ? Math.max(...ui.snap.sides.map((s) => s.actors.length)) : 1;
  }

  function emptyData() { return Array.from({ length: 13 }, () => []); }

  function resetSeries(weeks) {
    ui.weeks = weeks;
    for (const side of SIDES) {
      for (const m of ui.cat.charted) ui.live[side][m] = new Array(weeks).fill(null);
    }
  }

  function updateCharts() {
    const xs = Array.from({ length: ui.weeks }, (_, t) => (t + 1) / 52);
    for (const c of ui.charts) {
      const data = [xs, ui.live[0][c.metric], ui.live[1][c.metric]];
      for (const side of SIDES) {
        // Band order in the series: 5, 95, 25, 75%, median (quantiles 0..4).
        for (const q of [0, 4, 1, 3, 2]) data.push(bandOf(side, c.metric, q));
      }
      c.u.setData(data);
      c.div.dataset.points = String(ui.live[0][c.metric].filter((v) => v !== null).length);
    }
  }

  function bandOf(side, metric, q) {
    const empty = new Array(ui.weeks).fill(null);
    if (!ui.bands) return empty;
    const b = ui.bands.sides[side].bands[metric][q];
    for (let t = 0; t < b.length && t < ui.weeks; t++) empty[t] = b[t];
    return empty;
  }

  // ---- play, step, reset, speed, seed ----

  function setPlaying(on) {
    ui.playing = on;
    const b = $('play');
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? '❚❚ Pause' : '▶ Play';
    if (on) {
      if (ui.snap.week >= ui.snap.weeks) apply(call('reset'));
      ui.last = 0;
      ui.acc = 0;
      requestAnimationFrame(frame);
    }
  }

  function frame(ts) {
    if (!ui.playing) return;
    const dt = ui.last ? Math.min(0.25, (ts - ui.last) / 1000) : 0;
    ui.last = ts;
    ui.acc += dt * SPEEDS[Number($('speed').value)];
    const n = Math.min(Math.floor(ui.acc), ui.cat.limits.maxStep);
    if (n > 0) {
      ui.acc -= n;
      try {
        step(n);
      } catch (e) {
        failed(e);
        return;
      }
    }
    if (ui.snap.week >= ui.snap.weeks) {
      setPlaying(false);
      status('The run has reached its horizon. Reset, or run a quick Monte Carlo to see the spread.');
      return;
    }
    requestAnimationFrame(frame);
  }

  function step(n) {
    if (ui.snap.week >= ui.snap.weeks) return;
    apply(call('step', n));
  }

  function bindControls() {
    $('play').addEventListener('click', safely(() => setPlaying(!ui.playing)));
    $('step').addEventListener('click', safely(() => { setPlaying(false); step(1); }));
    $('reset').addEventListener('click', safely(() => { setPlaying(false); apply(call('reset')); status('Back to week 0.'); }));
    const speed = $('speed');
    const showSpeed = () => {
      const t = SPEEDS[Number(speed.value)] + ' weeks/s';
      $('speed-out').textContent = t;
      speed.setAttribute('aria-valuetext', SPEEDS[Number(speed.value)] + ' weeks a second');
    };
    speed.addEventListener('input', showSpeed);
    showSpeed();
    $('seed').addEventListener('change', safely(() => {
      cancelMonteCarlo();
      try {
        apply(call('seed', $('seed').value.trim()));
        $('seed').value = ui.snap.seed; // as the model read it, e.g. 007 → 7
        ui.seedShown = ui.snap.seed;
        status('New seed: both runs restart from week 0.');
      } catch (e) {
        status(e.message, true);
        $('seed').value = ui.snap.seed;
      }
    }));
    $('restore').addEventListener('click', safely(() => {
      const old = ui.configs.map((c) => ({ ...c, levers: { ...c.levers } }));
      for (const c of ui.configs) c.levers = {};
      configure(SIDES, () => { ui.configs = old; });
    }));
    $('mc-run').addEventListener('click', safely(() => (ui.mcRunning ? cancelMonteCarlo() : runMonteCarlo())));
    $('csv').addEventListener('click', safely(downloadCSV));
    $('png').addEventListener('click', safely(() => chartsPNG().then((url) => download(url, fileName('png'))).catch(failed)));
  }

  // ---- Monte Carlo ----

  function runMonteCarlo() {
    const runs = Number($('mc-runs').value);
    try {
      call('mcStart', runs);
    } catch (e) {
      status(e.message, true);
      return;
    }
    setPlaying(false);
    const gen = ++ui.mcGen;
    ui.mcRunning = true;
    $('mc-run').textContent = 'Cancel';
    const bar = $('mc-progress');
    bar.hidden = false;
    bar.max = runs;
    bar.value = 0;
    $('mc-result').textContent = '';
    status('Running ' + runs + ' replicates of both sides…');
    const chunk = safely(() => {
      if (gen !== ui.mcGen) return;
      const p = call('mcStep', 2);
      bar.value = p.done;
      if (p.done < p.runs) { setTimeout(chunk, 0); return; }
      ui.bands = call('mcBands');
      ui.mcRunning = false;
      $('mc-run').textContent = 'Run a quick Monte Carlo';
      bar.hidden = true;
      updateCharts();
      showMonteCarlo();
      status('Monte Carlo done: the bands hold 50% and 90% of the runs, the dashed line is the median.');
    });
    setTimeout(chunk, 0);
  }

  function cancelMonteCarlo() {
    ui.mcGen++;
    ui.bands = null;
    ui.mcRunning = false;
    $('mc-run').textContent = 'Run a quick Monte Carlo';
    $('mc-progress').hidden = true;
    $('mc-result').textContent = '';
  }

  function showMonteCarlo() {
    const b = ui.bands;
    const years = (w) => (w / 52 % 1 === 0 ? String(w / 52) : (w / 52).toFixed(1));
    const part = (side) => {
      const sb = b.sides[side];
      const f = sb.finalText.outcome_rate;
      return WHERE[side].toLowerCase() + ' (' + sb.scenario + ') ' + f[2] + ', 90% of runs between ' + f[0] + ' and ' + f[4];
    };
    const el = $('mc-result');
    el.textContent = b.runs + ' runs, seed ' + b.seed + '. In a job or studies after ' + years(b.sides[0].weeks) +
      ' years (median): ' + part(0) + '; ' + part(1) + '. The right side was ahead in ' + b.rightAhead + ' of ' + b.runs +
      ' runs' + (b.ties ? ' (' + b.ties + ' ties)' : '') + '.';
    el.dataset.runs = String(b.runs);
  }

  // ---- export ----

  function fileName(ext) {
    return 'cisim-classroom-seed' + ui.snap.seed + '-week' + ui.snap.week + '.' + ext;
  }

  function download(url, name) {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function downloadCSV() {
    const blob = new Blob([call('csv')], { type: 'text/csv' });
    download(URL.createObjectURL(blob), fileName('csv'));
  }

  // chartsCanvas draws the four charts, with titles and a key, on one canvas.
  function chartsCanvas() {
    const cs = ui.charts.map((c) => c.u.ctx.canvas);
    const w = Math.max(...cs.map((c) => c.width)), h = Math.max(...cs.map((c) => c.height));
    const dpr = window.devicePixelRatio || 1;
    const title = 34 * dpr, head = 48 * dpr;
    const out = document.createElement('canvas');
    out.width = 2 * w;
    out.height = head + 2 * (h + title);
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = '#111';
    ctx.textBaseline = 'middle';
    ctx.font = '700 ' + 20 * dpr + 'px system-ui, sans-serif';
    const s = ui.snap;
    let x = 10 * dpr;
    const key = ['cisim classroom · seed ' + s.seed + ' · week ' + s.week + ' · ',
      [SIDE_COLOURS[0], 'left: ' + s.sides[0].scenario + '  '], [SIDE_COLOURS[1], 'right: ' + s.sides[1].scenario]];
    for (const k of key) {
      const [c, t] = typeof k === 'string' ? ['#111', k] : k;
      ctx.fillStyle = c;
      ctx.fillText(t, x, head / 2);
      x += ctx.measureText(t).width;
    }
    ctx.font = '600 ' + 17 * dpr + 'px system-ui, sans-serif';
    ui.charts.forEach((c, i) => {
      const ox = (i % 2) * w, oy = head + Math.floor(i / 2) * (h + title);
      ctx.fillStyle = '#111';
      ctx.fillText(METRICS[c.metric][1], ox + 10 * dpr, oy + title / 2);
      ctx.drawImage(cs[i], ox, oy + title);
    });
    return out;
  }

  // chartsPNG resolves to a blob URL of the charts as PNG.
  function chartsPNG() {
    return new Promise((resolve) => chartsCanvas().toBlob((b) => resolve(URL.createObjectURL(b)), 'image/png'));
  }

  // For tests and the curious: the page's state and the charts on one canvas.
  window.cisimUI = { chartsCanvas, state: ui };

  window.addEventListener('DOMContentLoaded', () => {
    start().catch((e) => status('The model did not start: ' + e.message, true));
  });
}());
