// Placement: the global heuristic and its tunables as a form built from their self-description
// (type, range, default, description), the server's validation errors inline, the current plan
// version of a program, and a side-by-side preview of another heuristic. Viewers see the values
// only: no controls. The form does not validate in the browser (novalidate): the server is the one
// judge of a value, and its message is what the user sees.

import { escape } from '../app.js';
import { changes } from '../callgraph.js';

function input(p, value, disabled) {
  const name = escape(p.name);
  const off = disabled ? 'disabled' : '';
  if (p.type === 'BOOLEAN') return `<input type="checkbox" name="${name}" ${value ? 'checked' : ''} ${off}>`;
  if (p.type === 'ENUM') {
    return `<select name="${name}" ${off}>${p.choices.map((c) => `<option ${c === value ? 'selected' : ''}>${escape(c)}</option>`).join('')}</select>`;
  }
  const step = p.type === 'INT' ? '1' : 'any';
  return `<input type="number" step="${step}" name="${name}" value="${escape(value)}"
    ${p.min != null ? `min="${p.min}"` : ''} ${p.max != null ? `max="${p.max}"` : ''} ${off}>`;
}

export async function render(main, params, { api, events, mayChange }) {
  const [heuristics, settings, { items: programs }] = await Promise.all([
    api.get('/heuristics'), api.get('/heuristics/settings'), api.page('/programs?limit=200')]);
  main.innerHTML = `
    <h1>Placement</h1>
    <div class="row">
      <div class="grow panel">
        <h2>Global heuristic</h2>
        ${mayChange ? '' : '<p class="muted" id="read-only">Read-only: a viewer token cannot change the tunables.</p>'}
        <form class="tunables" id="tunables" novalidate>
          <label>Heuristic <select name="heuristic" id="heuristic" ${mayChange ? '' : 'disabled'}>
            ${heuristics.map((h) => `<option ${h.name === settings.heuristic ? 'selected' : ''}>${escape(h.name)}</option>`).join('')}
          </select></label>
          <div id="parameters"></div>
          ${mayChange ? '<button type="submit" id="save">Save</button>' : ''}
          <p id="save-status"></p>
        </form>
      </div>
      <div class="grow panel">
        <h2>A program's plan</h2>
        <label>Program <select id="program">${programs.map((p) => `<option value="${escape(p.id)}">${escape(p.name)}</option>`).join('')}</select></label>
        <p>Current plan: <b id="current-version">-</b> <span id="current-heuristic" class="muted"></span></p>
        <label>Preview with <select id="preview-heuristic">${heuristics.map((h) => `<option>${escape(h.name)}</option>`).join('')}</select></label>
        <button id="preview">Preview</button>
        <div id="preview-result"></div>
      </div>
    </div>`;
  const form = main.querySelector('#tunables');

  function drawParameters(name, values) {
    const h = heuristics.find((x) => x.name === name);
    main.querySelector('#parameters').innerHTML = h.parameters.map((p) => `
      <label data-param="${escape(p.name)}">${escape(p.name)} ${input(p, values[p.name] ?? p.default, !mayChange)}
        <span class="desc">${escape(p.description)} (${p.type}${p.min != null ? `, ${p.min}` : ''}${p.max != null ? `..${p.max}` : ''}; default ${escape(p.default)})</span>
        <span class="field-error" data-error="${escape(p.name)}"></span></label>`).join('');
  }
  drawParameters(settings.heuristic, settings.tunables);
  main.querySelector('#heuristic').addEventListener('change', (e) => drawParameters(e.target.value, settings.tunables));

  if (mayChange) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const name = main.querySelector('#heuristic').value;
      const h = heuristics.find((x) => x.name === name);
      const tunables = {};
      for (const p of h.parameters) {
        const field = form.elements[p.name];
        if (p.type === 'BOOLEAN') tunables[p.name] = field.checked;
        else if (p.type === 'ENUM') tunables[p.name] = field.value;
        else tunables[p.name] = field.value === '' ? null : Number(field.value);
      }
      for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
      const status = main.querySelector('#save-status');
      try {
        const saved = await api.putJson('/heuristics/settings', { heuristic: name, tunables });
        Object.assign(settings, saved);
        status.textContent = 'Saved; the plans of every analysed program were recomputed.';
        status.className = '';
        await showCurrent();
      } catch (err) {
        status.textContent = err.message;
        status.className = 'error';
        for (const v of err.problem.violations || []) {
          const el = form.querySelector(`[data-error="${CSS.escape(v.name)}"]`);
          if (el) el.textContent = v.problem;
        }
      }
    });
  }

  const programSelect = main.querySelector('#program');
  async function showCurrent() {
    if (!programSelect.value) return;
    try {
      const plan = await api.get(`/programs/${encodeURIComponent(programSelect.value)}/placement`);
      main.querySelector('#current-version').textContent = `v${plan.version}`;
      main.querySelector('#current-heuristic').textContent = plan.heuristic;
    } catch (err) {
      main.querySelector('#current-version').textContent = err.message;
    }
  }
  programSelect.addEventListener('change', showCurrent);
  main.querySelector('#preview').addEventListener('click', async () => {
    const pid = encodeURIComponent(programSelect.value);
    const other = main.querySelector('#preview-heuristic').value;
    const out = main.querySelector('#preview-result');
    try {
      const [current, preview] = await Promise.all([
        api.get(`/programs/${pid}/placement`), api.get(`/programs/${pid}/placement?heuristic=${encodeURIComponent(other)}`)]);
      const changed = changes(current, preview);
      out.innerHTML = `<p>${escape(current.heuristic)} (v${current.version}) vs ${escape(other)}: ${changed.length} method(s) change decision</p>
        <table id="preview-changes"><tr><th>Method</th><th>${escape(current.heuristic)}</th><th>${escape(other)}</th><th>Why</th></tr>
        ${changed.map((c) => `<tr><td><code>${escape(c.key)}</code></td><td><span class="badge ${c.from}">${c.from}</span></td>
          <td><span class="badge ${c.to}">${c.to}</span></td><td>${escape(c.reason)}</td></tr>`).join('')}</table>`;
    } catch (err) {
      out.innerHTML = `<p class="error">${escape(err.message)}</p>`;
    }
  });
  await showCurrent();
  const off = events.on('plan.changed', (d) => { if (d.programId === programSelect.value) showCurrent(); });
  return off;
}
