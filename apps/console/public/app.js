/* Sluice console page: listens to /api/events (server-sent snapshots) and redraws the panels.
   No framework; every value from the server is inserted as text (textContent), never as HTML.
   Charts: uPlot, served by the console from node_modules. */
(function () {
  'use strict';

  const COLORS = ['#0047b3', '#a4161a', '#0b6b2e', '#7a4d00', '#5b2a86', '#00606b', '#8a1c5b', '#333333'];
  const charts = new Map();

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, String(v));
    }
    for (const c of children) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function fill(tbody, rows, render, empty) {
    const cols = tbody.closest('table').querySelectorAll('thead th').length;
    const frag = document.createDocumentFragment();
    if (rows.length === 0) frag.append(el('tr', {}, el('td', { colspan: cols, class: 'hint' }, empty || 'Nothing yet')));
    for (const r of rows) frag.append(render(r));
    tbody.replaceChildren(frag);
  }

  const td = (v, cls) => el('td', { class: cls }, v);
  const num = (v) => td(v === null || v === undefined ? '—' : typeof v === 'number' ? fmt(v) : v, 'num');
  function fmt(n) {
    if (!Number.isFinite(n)) return '—';
    return Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
  }
  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }
  const time = (ms) => new Date(ms).toISOString().slice(11, 23);

  /** Creates or updates a uPlot chart; a new set of series rebuilds it. */
  function plot(id, container, series, data, extra) {
    const key = series.map((s) => s.label).join('\u0000');
    let c = charts.get(id);
    const width = Math.max(300, container.clientWidth || 600);
    if (!c || c.key !== key) {
      if (c) c.u.destroy();
      const opts = Object.assign({
        width,
        height: 220,
        scales: { x: { time: true } },
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        series: [{}].concat(series.map((s, i) => Object.assign({ stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }, s))),
      }, extra || {});
      c = { key, u: new uPlot(opts, data, container) };
      charts.set(id, c);
    } else {
      if (Math.abs(c.u.width - width) > 20) c.u.setSize({ width, height: 220 });
      c.u.setData(data);
    }
  }

  function renderServices(s) {
    fill(document.querySelector('#services-table tbody'), s.instances, (i) =>
      el('tr', { 'data-key': i.key, 'data-service': i.service, 'data-state': i.state },
        td(i.service),
        td(i.instanceId, 'mono'),
        el('td', { class: `state state-${i.state}` }, i.state),
        td(duration(i.uptimeMs)),
        td(`${duration(i.ageMs)} ago`),
        td(i.group || '—', 'mono'),
        td(i.partitions.length ? `${i.partitions.length}: ${i.partitions.slice(0, 12).map((p) => `${p.topic}-${p.partition}`).join(', ')}${i.partitions.length > 12 ? ', …' : ''}` : '—', 'mono'),
        td(i.reason || (i.writer && i.writer.paused ? `writes wait on ${i.writer.store}` : ''))),
      'No status record yet: services publish one every few seconds');
    fill(document.querySelector('#servers-table tbody'), s.servers, (r) =>
      el('tr', { 'data-server': r.name },
        td(r.name),
        el('td', { class: `state state-${r.up ? 'up' : 'down'}` }, r.up ? 'up' : 'down'),
        td(`${r.upCount} of ${r.checkedBy} instances see it up`),
        td(r.detail || '')));
  }

  function renderMicroBatches(list) {
    const host = document.getElementById('mb-list');
    const seen = new Set();
    if (list.length === 0) host.replaceChildren(el('p', { class: 'hint' }, 'No processor instance running.'));
    else host.querySelector(':scope > p.hint')?.remove();
    list.forEach((t, n) => {
      const id = `mb-${n}`;
      seen.add(id);
      let box = document.getElementById(id);
      if (!box) {
        box = el('div', { id, class: 'mb-instance' },
          el('h3', {}, ''),
          el('p', { class: 'hint' }, ''),
          el('div', { class: 'charts-row' },
            el('figure', {}, el('div', { class: 'chart times', role: 'img', 'aria-label': 'Processing time, scheduling delay and commit time per micro-batch' }), el('figcaption', {}, 'Per batch: processing, scheduling delay, commit (ms); the batch interval for reference')),
            el('figure', {}, el('div', { class: 'chart rates', role: 'img', 'aria-label': 'Input rate against processing rate' }), el('figcaption', {}, 'Input rate against processing rate (records/s)'))),
          el('table', { class: 'mb-table' },
            el('caption', {}, 'The last 10 micro-batches'),
            el('thead', {}, el('tr', {}, ...['Batch time', 'Trigger', 'Records in', 'Records out', 'Processing (ms)', 'Scheduling delay (ms)', 'Commit (ms)', 'Tasks', 'Slow?'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody')));
        host.append(box);
      }
      box.querySelector(':scope > h3').textContent = `${t.instance} (group ${t.group || '—'}, batch interval ${t.batchIntervalMs} ms)`;
      box.querySelector(':scope > p').textContent = `${t.batches.length} batches shown, ${t.slowBatches} slower than the interval`;
      const b = t.batches;
      const xs = b.map((x) => x.batchTime / 1000);
      plot(`${id}-times`, box.querySelector('.times'), [
        { label: 'processing ms' }, { label: 'scheduling delay ms' }, { label: 'commit ms' }, { label: 'interval ms', dash: [4, 4] },
      ], [xs, b.map((x) => x.processingMs), b.map((x) => x.schedulingDelayMs), b.map((x) => x.commitMs), b.map(() => t.batchIntervalMs)]);
      plot(`${id}-rates`, box.querySelector('.rates'), [{ label: 'input rate' }, { label: 'processing rate' }], [xs, b.map((x) => x.inputRate), b.map((x) => x.processingRate)]);
      fill(box.querySelector('.mb-table tbody'), b.slice(-10).reverse(), (x) =>
        el('tr', { class: x.slow ? 'slow' : undefined },
          td(time(x.batchTime)), td(x.trigger), num(x.recordsIn), num(x.recordsOut), num(x.processingMs), num(x.schedulingDelayMs), num(x.commitMs), num(x.tasks), td(x.slow ? 'slow' : 'no')));
    });
    for (const box of [...host.querySelectorAll(':scope > .mb-instance')]) if (!seen.has(box.id)) box.remove();
  }

  function renderLag(lag) {
    fill(document.querySelector('#lag-table tbody'), lag.partitions, (r) =>
      el('tr', { 'data-group': r.group, 'data-topic': r.topic, 'data-partition': r.partition, 'data-lag': r.lag },
        td(r.group, 'mono'), td(r.topic, 'mono'), num(r.partition), num(r.committed), num(r.end), num(r.lag), num(r.lagSeconds)),
      'No consumer group yet');
    const groups = Object.keys(lag.totals).sort();
    if (groups.length === 0) return;
    const times = [...new Set(groups.flatMap((g) => lag.totals[g].map((p) => p.at)))].sort((a, b) => a - b);
    const data = [times.map((t) => t / 1000)].concat(groups.map((g) => {
      const by = new Map(lag.totals[g].map((p) => [p.at, p.lag]));
      return times.map((t) => (by.has(t) ? by.get(t) : null));
    }));
    plot('lag', document.getElementById('lag-chart'), groups.map((g) => ({ label: g })), data);
  }

  function renderState(st) {
    fill(document.querySelector('#stores-table tbody'), st.stores, (r) =>
      el('tr', { 'data-store': r.store }, td(r.group || '—', 'mono'), td(r.store, 'mono'), num(r.keys), num(r.approxBytes), num(r.tasks), num(r.maxRestoreMs)),
      'No state store (no processor running)');
    fill(document.querySelector('#late-table tbody'), st.late, (r) => el('tr', {}, td(r.group || '—', 'mono'), td(r.topic, 'mono'), num(r.count)), 'No late record');
    fill(document.querySelector('#watermark-table tbody'), st.watermarks || [], (r) =>
      el('tr', { 'data-operator': r.operator }, td(r.group || '—', 'mono'), td(r.operator, 'mono'), td(new Date(r.watermarkMs).toISOString(), 'mono')),
      'No event time seen yet');
  }

  function safe(v) {
    if (v.encoding === 'null') return el('span', { class: 'hint' }, 'null');
    const text = `${v.encoding === 'hex' ? 'hex: ' : ''}${v.text}${v.truncated ? ` … (${v.bytes} bytes)` : ''}`;
    return el('span', { class: 'mono' }, text);
  }

  function renderDeadLetters(dl) {
    fill(document.querySelector('#dl-counts tbody'), dl.totals, (r) => el('tr', { 'data-topic': r.topic, 'data-reason': r.reason }, td(r.topic, 'mono'), td(r.reason), num(r.count)), 'No dead letter');
    fill(document.querySelector('#dl-latest tbody'), dl.latest, (r) =>
      el('tr', { 'data-topic': r.topic, 'data-offset': r.offset },
        td(new Date(r.timestamp).toISOString()),
        td(`${r.topic} / ${r.partition} / ${r.offset}`, 'mono'),
        td(r.reason),
        el('td', {}, safe(r.key)),
        el('td', { class: 'dl-value' }, safe(r.value)),
        el('td', {}, el('ul', { class: 'headers' }, ...r.headers.map((h) => el('li', {}, el('span', { class: 'mono' }, `${h.name}: `), safe(h.value)))))),
      'No dead letter');
  }

  function renderData(d) {
    const names = Object.keys(d.waves);
    const wavesBox = document.getElementById('waves-chart');
    let points = 0;
    if (names.length) {
      const joined = uPlot.join(names.map((n) => [d.waves[n].t.map((t) => t / 1000), d.waves[n].v]));
      plot('waves', wavesBox, names.map((n) => ({ label: n })), joined);
      points = names.reduce((s, n) => s + d.waves[n].t.length, 0);
    }
    wavesBox.dataset.points = String(points);
    wavesBox.dataset.series = names.join(',');
    const statsHost = document.getElementById('stats-charts');
    for (const [series, windows] of Object.entries(d.stats)) {
      const id = `stats-${series.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
      let fig = document.getElementById(id);
      if (!fig) {
        fig = el('figure', { id }, el('div', { class: 'chart', role: 'img', 'aria-label': `signal-stats windows of ${series}: min, mean and max` }), el('figcaption', {}, `signal-stats of ${series}: min / mean / max per event-time window (band from min to max)`));
        statsHost.append(fig);
      }
      plot(id, fig.querySelector('.chart'), [{ label: 'min' }, { label: 'mean', width: 2 }, { label: 'max' }],
        [windows.map((w) => w.start / 1000), windows.map((w) => w.min), windows.map((w) => w.mean), windows.map((w) => w.max)],
        { bands: [{ series: [3, 1], fill: 'rgba(0, 71, 179, 0.12)' }] });
    }
    const tw = d.topWords;
    document.getElementById('top-words-window').textContent = tw ? `window (${tw.windowStart}, ${tw.windowEnd}]` : 'No window yet';
    const words = document.getElementById('top-words');
    words.replaceChildren(...(tw ? tw.words : []).map((w) => el('li', { 'data-word': w.word, 'data-count': w.count }, el('span', { class: 'mono' }, w.word), ` ${fmt(w.count)}`)));
    const h = d.hashtags;
    document.getElementById('hashtags-window').textContent = h ? `window (${h.windowStart}, ${h.windowEnd}]` : 'No window yet';
    document.getElementById('hashtags').replaceChildren(...(h ? h.top : []).map((t) => el('li', { 'data-tag': t.tag }, el('span', { class: 'mono' }, `#${t.tag}`), ` ${fmt(t.count)}`)));
    fill(document.querySelector('#sensors-table tbody'), d.sensors, (s) => el('tr', { 'data-key': s.key }, td(s.key), num(s.min), num(s.max), td(s.lastTime)), 'No sensor reading');
  }

  let lastAt = 0;
  function render(snap) {
    lastAt = snap.at;
    renderServices(snap.services);
    renderMicroBatches(snap.microBatches);
    renderLag(snap.lag);
    renderState(snap.state);
    renderDeadLetters(snap.deadLetters);
    renderData(snap.data);
    const c = document.getElementById('connection');
    c.className = '';
    c.textContent = `Live: updated ${new Date(snap.at).toISOString().slice(11, 19)} UTC`;
    document.body.dataset.updatedAt = String(snap.at);
  }

  function connect() {
    const source = new EventSource('/api/events');
    source.addEventListener('snapshot', (e) => {
      try {
        render(JSON.parse(e.data));
      } catch (err) {
        console.error('snapshot not shown', err);
      }
    });
    source.onerror = () => {
      const c = document.getElementById('connection');
      c.className = 'down';
      c.textContent = `Disconnected from the console${lastAt ? ` since ${new Date(lastAt).toISOString().slice(11, 19)} UTC` : ''}; reconnecting…`;
    };
  }

  connect();
})();
