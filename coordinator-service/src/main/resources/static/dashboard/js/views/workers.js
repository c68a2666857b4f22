// Workers: status, slots, in flight, completed, load, cached programs and heartbeat age, from
// GET /workers; refreshed on worker.status events and every two seconds for the ages.

import { escape } from '../app.js';

export async function render(main, params, { api, events }) {
  main.innerHTML = `
    <h1>Workers</h1>
    <table id="workers"><thead><tr><th>Worker</th><th>Host</th><th>Status</th><th class="num">Slots</th>
      <th class="num">In flight</th><th class="num">Completed</th><th class="num">Load</th>
      <th class="num">Cached programs</th><th class="num">Heartbeat age</th><th>Version</th></tr></thead><tbody></tbody></table>
    <p class="muted" id="workers-empty" hidden>No worker has sent a heartbeat yet.</p>`;
  const body = main.querySelector('#workers tbody');
  async function refresh() {
    const workers = await api.get('/workers');
    const now = Date.now();
    body.innerHTML = workers.map((w) => `<tr data-id="${escape(w.id)}">
      <td>${escape(w.id)}</td><td>${escape(w.host)}</td>
      <td><span class="badge ${w.status === 'ALIVE' ? 'REMOTE' : w.status === 'SUSPECT' ? 'PINNED' : 'NOT_TRANSFERABLE'}">${escape(w.status)}</span></td>
      <td class="num">${w.slots}</td><td class="num">${w.inFlight}</td><td class="num">${w.completed}</td>
      <td class="num">${w.load < 0 ? '?' : w.load.toFixed(2)}</td><td class="num">${w.cachedPrograms.length}</td>
      <td class="num">${((now - Date.parse(w.lastHeartbeat)) / 1000).toFixed(1)} s</td><td>${escape(w.version)}</td></tr>`).join('');
    main.querySelector('#workers-empty').hidden = workers.length > 0;
  }
  await refresh();
  const timer = setInterval(refresh, 2000);
  const off = events.on('worker.status', refresh);
  return () => { clearInterval(timer); off(); };
}
