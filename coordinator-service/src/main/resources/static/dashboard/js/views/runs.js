// Runs: the history from the database, newest first, a page at a time, filtered by program and
// status. Live: run.started and run.finished.

import { escape } from '../app.js';

const PAGE = 25;
const STATUSES = ['', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function runRow(r) {
  return `<tr data-id="${escape(r.id)}">
    <td><a href="#/runs/${encodeURIComponent(r.id)}">${escape(r.id.slice(0, 8))}</a></td>
    <td><a href="#/programs/${encodeURIComponent(r.programId)}">${escape(r.programId.slice(0, 8))}</a></td>
    <td><code>${escape(r.mainClass || '')}</code></td>
    <td class="status">${escape(r.status)}</td><td class="num">${r.exitCode ?? ''}</td>
    <td>${escape(new Date(r.createdAt).toLocaleString())}</td>
    <td>${r.finishedAt ? escape(new Date(r.finishedAt).toLocaleString()) : ''}</td></tr>`;
}

export async function render(main, params, { api, events }) {
  const { items: programs } = await api.page('/programs?limit=200');
  main.innerHTML = `
    <h1>Runs</h1>
    <p><label>Program <select id="filter-program"><option value="">all</option>
      ${programs.map((p) => `<option value="${escape(p.id)}">${escape(p.name)}</option>`).join('')}</select></label>
    <label>Status <select id="filter-status">${STATUSES.map((s) => `<option value="${s}">${s || 'any'}</option>`).join('')}</select></label></p>
    <table id="runs"><thead><tr><th>Run</th><th>Program</th><th>Main class</th><th>Status</th>
      <th class="num">Exit</th><th>Created</th><th>Finished</th></tr></thead><tbody></tbody></table>
    <button id="more" hidden>More</button>`;
  const body = main.querySelector('#runs tbody');
  let next = null;

  function query() {
    const q = new URLSearchParams({ limit: PAGE, view: 'summary' });
    const program = main.querySelector('#filter-program').value;
    const status = main.querySelector('#filter-status').value;
    if (program) q.set('programId', program);
    if (status) q.set('status', status);
    return `/runs?${q}`;
  }

  async function load(path, append) {
    const { items, next: after } = await api.page(path);
    if (!append) body.innerHTML = '';
    body.insertAdjacentHTML('beforeend', items.map(runRow).join(''));
    next = after;
    main.querySelector('#more').hidden = !next;
  }

  async function refresh(runId) {
    const r = await api.get(`/runs/${encodeURIComponent(runId)}`);
    const existing = body.querySelector(`tr[data-id="${CSS.escape(runId)}"]`);
    if (existing) existing.outerHTML = runRow(r);
    else await load(query(), false);
  }

  main.querySelector('#more').addEventListener('click', () => load(next, true));
  for (const id of ['#filter-program', '#filter-status']) {
    main.querySelector(id).addEventListener('change', () => load(query(), false));
  }
  await load(query(), false);
  const offs = [
    events.on('run.started', (d) => refresh(d.runId)),
    events.on('run.finished', (d) => refresh(d.runId)),
  ];
  return () => offs.forEach((off) => off());
}
