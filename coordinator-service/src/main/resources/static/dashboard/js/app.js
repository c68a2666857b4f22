// The dashboard shell: sign-in, navigation and the hash router. Each view is a module of its own
// (views/*.js) exporting render(main, params, ctx) and returning a function that cleans up.

import * as api from './api.js';
import * as events from './events.js';

window.farcall = window.farcall || {};

const routes = [
  [/^#\/programs\/([^/]+)$/, () => import('./views/program.js')],
  [/^#\/programs$/, () => import('./views/programs.js')],
  [/^#\/placement$/, () => import('./views/placement.js')],
  [/^#\/runs\/([^/]+)$/, () => import('./views/run.js')],
  [/^#\/runs$/, () => import('./views/runs.js')],
  [/^#\/workers$/, () => import('./views/workers.js')],
];

const main = document.getElementById('view');
let cleanup = () => {};
let ctx = null;
let routing = 0; // the latest navigation; an older one that finishes later must not draw

function showSignIn(message) {
  cleanup();
  cleanup = () => {};
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  main.innerHTML = `
    <form class="signin panel" id="signin-form">
      <h1>Sign in</h1>
      <p>Paste a Farcall token (admin or viewer). It is kept in this tab only.</p>
      <input id="token" type="password" autocomplete="off" placeholder="token">
      <p class="error" id="signin-error"></p>
      <button type="submit" id="signin">Sign in</button>
    </form>`;
  if (message) main.querySelector('#signin-error').textContent = message;
  main.querySelector('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    api.session.signIn(main.querySelector('#token').value.trim());
    await boot();
  });
}

async function boot() {
  if (!api.session.token()) return showSignIn();
  let who;
  try {
    who = await api.get('/session');
  } catch (e) {
    api.session.signOut();
    return showSignIn(e.status === 401 ? 'That token is not valid.' : e.message);
  }
  ctx = { role: who.role, mayChange: who.mayChange, api, events };
  document.body.dataset.role = who.role;
  document.getElementById('who').textContent = `signed in as ${who.role}`;
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  events.onState((on) => document.getElementById('live').classList.toggle('on', on));
  events.start();
  if (!location.hash || location.hash === '#/signin') {
    location.hash = '#/programs'; // the hashchange routes
    return;
  }
  await route();
}

async function route() {
  if (!ctx) return;
  const hash = location.hash || '#/programs';
  for (const [pattern, load] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    cleanup();
    cleanup = () => {};
    for (const a of document.querySelectorAll('#nav a')) {
      a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
    }
    // Each navigation draws into a container of its own: a slower, older one that finishes
    // later writes into its detached container, never over the current view.
    const mine = ++routing;
    const container = document.createElement('div');
    container.innerHTML = '<p class="muted">Loading…</p>';
    main.replaceChildren(container);
    const view = await load();
    if (mine !== routing) return;
    try {
      const done = (await view.render(container, match.slice(1).map(decodeURIComponent), ctx)) || (() => {});
      if (mine === routing) cleanup = done; else done();
    } catch (e) {
      container.innerHTML = `<p class="error">${escape(e.message)}</p>`;
    }
    return;
  }
  location.hash = '#/programs';
}

/** Escapes text for HTML. */
export function escape(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

document.getElementById('sign-out').addEventListener('click', () => {
  events.stop();
  api.session.signOut();
  ctx = null;
  location.hash = '#/signin';
  showSignIn();
});
window.addEventListener('hashchange', route);
boot();
