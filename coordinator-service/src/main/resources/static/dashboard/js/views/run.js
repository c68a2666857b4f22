// A run, live: status, output tail, the per-site table, the graph of its sites coloured by live
// decisions, flips with their reasons as they happen, and the timeline of remote calls per worker
// with its export as Chrome trace-event JSON. Everything after the first load comes from events.

import { escape } from '../app.js';
import { buildModel, keyOf } from '../callgraph.js';
import { createGraph } from '../graph.js';
import { download, traceEvents } from '../trace.js';

const TAIL = 64 * 1024;

function siteRows(sites) {
  const calls = (s) => s.remoteCalls + (s.localCalls || 0);
  return [...sites].sort((a, b) => calls(b) - calls(a)).map((s) => `<tr data-site="${escape(keyOf(s))}">
    <td><code>${escape(s.className)}#${escape(s.methodName)}</code></td>
    <td><span class="badge ${s.decision}">${s.decision}</span></td>
    <td class="num">${s.localCalls ?? 'uncounted'}</td><td class="num">${s.remoteCalls}</td>
    <td class="num">${s.meanWorkMicros.toFixed(1)}</td><td class="num">${s.meanOverheadMicros.toFixed(1)}</td>
    <td class="num">${s.bytesSent}</td><td class="num">${s.bytesReceived}</td><td class="num">${s.fallbacks}</td></tr>`).join('');
}

function drawTimeline(svg, timeline) {
  const lanes = timeline.workers.length || 1;
  const end = Math.max(1, ...timeline.calls.map((c) => c[2] + c[3]));
  const width = svg.clientWidth || 800;
  const lane = 22;
  const left = 160;
  svg.setAttribute('height', lanes * lane + 20);
  const scale = (width - left - 10) / end;
  const parts = timeline.workers.map((w, i) =>
    `<text x="4" y="${i * lane + 15}" class="lane">${escape(w || '(ran at home)')}</text>`);
  for (const [site, worker, start, duration] of timeline.calls) {
    parts.push(`<rect x="${left + start * scale}" y="${worker * lane + 4}" width="${Math.max(1, duration * scale)}"
      height="${lane - 8}" fill="#2e9e5b"><title>${escape(timeline.sites[site])}: ${duration} µs</title></rect>`);
  }
  svg.innerHTML = parts.join('');
}

export async function render(main, [runId], { api, events }) {
  const id = encodeURIComponent(runId);
  // Listen before the first load, and apply what arrives meanwhile after it: an event between the
  // two would otherwise be lost (output events overlapping the loaded text are trimmed by offset).
  let handlers = null;
  const early = [];
  const mine = (name) => (d) => {
    if (d.runId !== runId) return;
    if (handlers) handlers[name](d); else early.push([name, d]);
  };
  const offs = ['run.started', 'run.output', 'run.stats', 'run.finished', 'site.decision']
    .map((type) => events.on(type, mine(type)));
  const run = await api.get(`/runs/${id}`);
  main.innerHTML = `
    <h1>Run <code>${escape(runId.slice(0, 8))}</code> <span class="badge" id="run-status">${escape(run.status)}</span>
      <span id="run-exit" class="muted"></span></h1>
    <p><a href="#/programs/${encodeURIComponent(run.programId)}">program</a> · <code>${escape(run.mainClass || '')}</code>
      ${escape((run.args || []).join(' '))}</p>
    <p id="run-error" class="error"></p>
    <h2>Output</h2><pre class="output" id="stdout"></pre><pre class="output" id="stderr" hidden></pre>
    <h2>Sites</h2>
    <table id="sites"><thead><tr><th>Site</th><th>Decision</th><th class="num">Local calls</th><th class="num">Remote calls</th>
      <th class="num">Work µs</th><th class="num">Overhead µs</th><th class="num">Sent</th><th class="num">Received</th>
      <th class="num">Fallbacks</th></tr></thead><tbody></tbody></table>
    <h2>Decisions</h2><div class="graph" id="graph" style="height:320px"></div>
    <ul class="flips" id="flips"></ul>
    <h2>Remote calls per worker <button id="export">Export trace (Chrome/Perfetto)</button></h2>
    <p id="timeline-summary" class="muted"></p><svg id="timeline" width="100%"></svg>`;

  const stdout = main.querySelector('#stdout');
  const stderr = main.querySelector('#stderr');
  const sitesBody = main.querySelector('#sites tbody');
  let sites = run.stats.sites;
  let timeline = null;
  const graph = createGraph(main.querySelector('#graph'));

  function append(pre, text) {
    pre.hidden = false;
    pre.textContent = (pre.textContent + text).slice(-TAIL);
    pre.scrollTop = pre.scrollHeight;
  }

  function status(view) {
    main.querySelector('#run-status').textContent = view.status;
    main.querySelector('#run-status').className = `badge ${view.status === 'SUCCEEDED' ? 'REMOTE' : view.status === 'FAILED' ? 'PINNED' : 'LOCAL'}`;
    main.querySelector('#run-exit').textContent = view.exitCode != null ? `exit ${view.exitCode}` : '';
    main.querySelector('#run-error').textContent = view.error || '';
  }

  async function drawGraph() {
    let edges = [];
    try {
      const program = buildModel(await api.get(`/programs/${encodeURIComponent(run.programId)}/graph`));
      const keys = new Set(sites.map(keyOf));
      edges = program.edges.filter(([a, b]) => keys.has(a) && keys.has(b));
    } catch (e) { /* the program may be gone: the run history stays */ }
    graph.show({ methods: sites.map((s) => ({ ...s, key: keyOf(s) })), edges });
  }

  async function loadTimeline() {
    timeline = await api.get(`/runs/${id}/timeline`);
    main.querySelector('#timeline-summary').textContent =
      `${timeline.calls.length} remote call(s) on ${timeline.workers.length} worker(s)${timeline.dropped ? `, ${timeline.dropped} not recorded` : ''}`;
    drawTimeline(main.querySelector('#timeline'), timeline);
  }

  status(run);
  const [out, err] = await Promise.all([api.text(`/runs/${id}/output`), api.text(`/runs/${id}/output?stream=stderr`)]);
  let outLength = out.length;
  let errLength = err.length;
  append(stdout, out);
  if (err) append(stderr, err);
  sitesBody.innerHTML = siteRows(sites);
  await Promise.all([drawGraph(), loadTimeline()]);
  const timer = setInterval(() => { if (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(main.querySelector('#run-status').textContent)) loadTimeline(); }, 3000);

  handlers = {
    'run.started': () => status({ ...run, status: 'RUNNING' }),
    'run.output': (d) => {
      const seen = d.stream === 'stderr' ? errLength : outLength;
      const end = d.offset + d.text.length;
      if (end <= seen) return;
      append(d.stream === 'stderr' ? stderr : stdout, d.text.slice(Math.max(0, seen - d.offset)));
      if (d.stream === 'stderr') errLength = end; else outLength = end;
    },
    'run.stats': (d) => { sites = d.stats.sites; sitesBody.innerHTML = siteRows(sites); },
    'run.finished': (d) => { status(d); loadTimeline(); },
    'site.decision': (d) => {
      const key = keyOf(d.site);
      main.querySelector('#flips').insertAdjacentHTML('afterbegin',
        `<li>${escape(new Date(d.at).toLocaleTimeString())}: <code>${escape(d.site.className)}#${escape(d.site.methodName)}</code>
         <span class="badge ${d.from}">${d.from}</span> → <span class="badge ${d.to}">${d.to}</span> ${escape(d.reason)}</li>`);
      sites = sites.map((s) => (keyOf(s) === key ? { ...s, decision: d.to } : s));
      sitesBody.innerHTML = siteRows(sites);
      graph.setDecision(key, d.to);
    },
  };
  for (const [name, d] of early.splice(0)) handlers[name](d);
  main.querySelector('#export').addEventListener('click', () => timeline && download(timeline));
  window.farcall.traceOfRun = () => timeline && traceEvents(timeline);
  return () => { offs.forEach((off) => off()); clearInterval(timer); graph.destroy(); };
}
