// Programs: upload by dragging a jar (admin), the list with analysis status and movable counts,
// delete (admin). Live: program.uploaded, analysis.done, program.deleted.

import { escape } from '../app.js';

const PAGE = 50;

export async function render(main, params, { api, events, mayChange }) {
  main.innerHTML = `
    <h1>Programs</h1>
    ${mayChange ? `<div class="dropzone" id="dropzone">Drop a jar here, or <input type="file" id="file" accept=".jar"></div>
    <p id="upload-status"></p>` : ''}
    <table id="programs"><thead><tr><th>Name</th><th>Uploaded</th><th>Analysis</th>
      <th class="num">Methods</th><th class="num">Movable</th><th class="num">Classes</th><th></th></tr></thead>
      <tbody></tbody></table>
    <button id="more" hidden>More</button>`;
  const body = main.querySelector('#programs tbody');
  let next = `/programs?limit=${PAGE}`;

  function row(p) {
    const a = p.analysis || { status: 'PENDING', methods: 0, movable: 0 };
    return `<tr data-id="${escape(p.id)}">
      <td><a href="#/programs/${encodeURIComponent(p.id)}">${escape(p.name)}</a></td>
      <td>${escape(new Date(p.uploadedAt).toLocaleString())}</td>
      <td class="status">${escape(a.status)}</td>
      <td class="num methods">${a.methods}</td><td class="num movable">${a.movable}</td>
      <td class="num">${p.classCount}</td>
      <td>${mayChange ? `<button class="delete" data-id="${escape(p.id)}">Delete</button>` : ''}</td></tr>`;
  }

  async function more() {
    const { items, next: after } = await api.page(next);
    body.insertAdjacentHTML('beforeend', items.map(row).join(''));
    next = after;
    main.querySelector('#more').hidden = !next;
  }

  async function refresh(id) {
    const p = await api.get(`/programs/${encodeURIComponent(id)}`);
    const existing = body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    if (existing) existing.outerHTML = row(p);
    else if (!next) body.insertAdjacentHTML('beforeend', row(p));
  }

  main.querySelector('#more').addEventListener('click', more);
  body.addEventListener('click', async (e) => {
    const button = e.target.closest('button.delete');
    if (!button) return;
    try {
      await api.remove(`/programs/${encodeURIComponent(button.dataset.id)}`);
    } catch (err) {
      alert(err.message);
    }
  });

  if (mayChange) {
    const zone = main.querySelector('#dropzone');
    const status = main.querySelector('#upload-status');
    const send = async (file) => {
      status.textContent = `Uploading ${file.name}…`;
      status.className = '';
      try {
        const p = await api.upload(file);
        status.innerHTML = `Uploaded <a href="#/programs/${encodeURIComponent(p.id)}">${escape(p.name)}</a>`;
        await refresh(p.id);
      } catch (err) {
        status.textContent = err.message;
        status.className = 'error';
      }
    };
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer.files.length) send(e.dataTransfer.files[0]);
    });
    main.querySelector('#file').addEventListener('change', (e) => {
      if (e.target.files.length) send(e.target.files[0]);
    });
  }

  await more();
  const offs = [
    events.on('program.uploaded', (d) => refresh(d.programId)),
    events.on('analysis.done', (d) => refresh(d.programId)),
    events.on('program.deleted', (d) => body.querySelector(`tr[data-id="${CSS.escape(d.programId)}"]`)?.remove()),
    events.on('reset', () => location.reload()),
  ];
  return () => offs.forEach((off) => off());
}
