// The REST API as the dashboard uses it: every call carries the signed-in token in the
// Authorization header (never in a URL); errors are RFC 9457 problems.

const TOKEN_KEY = 'farcall.token';

/** A failed call, with the server's problem document when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

function headers(extra = {}) {
  return { Authorization: `Bearer ${session.token()}`, ...extra };
}

async function send(method, path, { body, contentType, accept = 'application/json' } = {}) {
  const init = { method, headers: headers({ Accept: `${accept}, application/problem+json` }) };
  if (body !== undefined) {
    if (contentType) init.headers['Content-Type'] = contentType;
    init.body = body;
  }
  const response = await fetch(`/api/v1${path}`, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** GET of a JSON document. */
export async function get(path) {
  return (await send('GET', path)).json();
}

/** GET of text (a run's output). */
export async function text(path) {
  return (await send('GET', path, { accept: 'text/plain' })).text();
}

/** GET of one page of a list: its items and the path of the next page, if any. */
export async function page(path) {
  const response = await send('GET', path);
  const link = response.headers.get('Link') || '';
  const match = link.match(/<([^>]+)>;\s*rel="next"/);
  let next = null;
  if (match) {
    const url = new URL(match[1], location.href);
    next = url.pathname.replace(/^\/api\/v1/, '') + url.search;
  }
  return { items: await response.json(), next };
}

export async function putJson(path, value) {
  return (await send('PUT', path, { body: JSON.stringify(value), contentType: 'application/json' })).json();
}

export async function postJson(path, value) {
  return (await send('POST', path, { body: JSON.stringify(value), contentType: 'application/json' })).json();
}

export async function remove(path) {
  await send('DELETE', path);
}

/** Uploads a jar (multipart, part "file"). */
export async function upload(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await send('POST', '/programs', { body: form })).json();
}

/** Headers for the event stream's own fetch. */
export function authHeaders(extra) {
  return headers(extra);
}
