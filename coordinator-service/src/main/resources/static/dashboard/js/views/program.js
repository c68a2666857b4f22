// A program: its call graph coloured by decision, a method's details (effects, reasons with their
// evidence chain, estimates with their source, override), and starting a run (admin).

import { escape } from '../app.js';
import { buildModel, DECISIONS, keyOf } from '../callgraph.js';
import { createGraph } from '../graph.js';

export async function render(main, [programId], { api, events, mayChange }) {
  const id = encodeURIComponent(programId);
  const program = await api.get(`/programs/${id}`);
  main.innerHTML = `
    <h1>${escape(program.name)} <span class="muted" id="plan-version"></span></h1>
    <p class="legend">${DECISIONS.map((d) => `<span class="badge ${d}">${d}</span>`).join('')}
      <button id="collapse">Collapse</button> <span id="graph-status" class="muted"></span></p>
    <div class="row">
      <div class="grow"><div id="graph"></div></div>
      <div class="details panel" id="details"><p class="muted">Click a method for its details; click a class or package to expand it.</p></div>
    </div>
    ${mayChange ? `<h2>Start a run</h2>
    <form id="run-form" class="panel">
      <label>Main class <input id="main-class" value="${escape(program.mainClass || '')}" size="60"></label>
      <label>Arguments <input id="run-args" size="40" placeholder="space-separated"></label>
      <button type="submit" id="start-run">Run</button> <span id="run-status"></span>
    </form>` : ''}`;

  let model = null;
  let selected = null;
  const details = main.querySelector('#details');
  const graph = createGraph(main.querySelector('#graph'), { onSelect: (m) => showDetails(m) });

  async function load() {
    let graphData;
    try {
      graphData = await api.get(`/programs/${id}/graph`);
    } catch (err) {
      if (err.status !== 409) throw err;
      const a = program.analysis || {};
      main.querySelector('#graph-status').textContent = `analysis not done yet (${a.status || 'PENDING'})`;
      return;
    }
    model = buildModel(graphData);
    main.querySelector('#plan-version').textContent = `plan v${model.version} (${model.heuristic})`;
    graph.show(model);
    main.querySelector('#graph-status').textContent = `${model.methods.length} methods, ${model.edges.length} calls`;
    if (selected) showDetails(selected);
  }

  async function showDetails(m) {
    if (!m) return;
    selected = m;
    graph.select(m.key);
    const d = await api.get(`/programs/${id}/graph/method?key=${encodeURIComponent(m.key)}`);
    const est = d.estimates;
    details.innerHTML = `
      <h2 id="method-name">${escape(d.className)}#${escape(d.methodName)}<code>${escape(d.descriptor)}</code></h2>
      <p>Decision: <span class="badge ${d.decision}" id="method-decision">${d.decision}</span></p>
      <p id="method-reason">${escape(d.reason)}</p>
      <h2>Effects</h2><p id="method-effects">${d.effects.length ? d.effects.map(escape).join(', ') : 'none'}</p>
      <h2>Reasons</h2>
      <ul id="method-reasons">${d.reasons.map((r) => `<li>${escape(r)}</li>`).join('') || '<li class="muted">none: it may move</li>'}</ul>
      ${d.declarations.length ? `<p>Declared: ${d.declarations.map(escape).join(', ')}</p>` : ''}
      <h2>Estimates</h2>
      ${est ? `<table id="method-estimates"><tr><th>Work per call</th><td class="num">${est.workNanos.toFixed(0)} ns</td></tr>
        <tr><th>Dispatch per call</th><td class="num">${est.dispatchNanos.toFixed(0)} ns</td></tr>
        <tr><th>Bytes per call</th><td class="num">${est.transferBytes}</td></tr>
        <tr><th>Source</th><td id="estimates-source">${escape(d.estimatesSource)}</td></tr></table>`
        : '<p class="muted">none: the plan does not reach it</p>'}
      <h2>Override</h2>
      <p>Now: <b id="override-now">${escape(d.override)}</b></p>
      ${mayChange ? `<p id="override-buttons">${['LOCAL', 'REMOTE', 'AUTO'].map((o) => `<button data-mode="${o}">${o}</button>`).join(' ')}</p>
        <div id="override-error" class="error"></div>` : ''}`;
    if (mayChange) {
      details.querySelector('#override-buttons').addEventListener('click', async (e) => {
        const mode = e.target.dataset && e.target.dataset.mode;
        if (!mode) return;
        const error = details.querySelector('#override-error');
        error.textContent = '';
        try {
          await api.putJson(`/programs/${id}/placement/overrides`, { [m.key]: mode });
          await load();
        } catch (err) {
          const reasons = err.problem.reasons || {};
          error.innerHTML = `<p>${escape(err.message)}</p><ul>${Object.entries(reasons)
            .map(([k, v]) => `<li><code>${escape(k)}</code>: ${escape(v)}</li>`).join('')}</ul>`;
        }
      });
    }
    window.farcall.detailsShown = m.key;
  }

  main.querySelector('#collapse').addEventListener('click', () => model && graph.show(model));
  if (mayChange) {
    main.querySelector('#run-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const status = main.querySelector('#run-status');
      const args = main.querySelector('#run-args').value.trim();
      try {
        const run = await api.postJson(`/programs/${id}/runs`, {
          mainClass: main.querySelector('#main-class').value.trim() || undefined,
          args: args ? args.split(/\s+/) : [],
        });
        location.hash = `#/runs/${encodeURIComponent(run.id)}`;
      } catch (err) {
        status.textContent = err.message;
        status.className = 'error';
      }
    });
  }

  await load();
  const offs = [
    events.on('plan.changed', (d) => { if (d.programId === programId) load(); }),
    events.on('analysis.done', (d) => { if (d.programId === programId) load(); }),
  ];
  return () => { offs.forEach((off) => off()); graph.destroy(); };
}

export { keyOf };
