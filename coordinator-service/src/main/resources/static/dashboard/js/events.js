// The live event stream, GET /api/v1/events, read with fetch rather than EventSource: EventSource
// cannot send an Authorization header, and a token must never travel in a URL (it would end up
// in logs and history). The stream is parsed as the SSE specification says and resumed after a
// drop with Last-Event-ID, like EventSource would.

import { authHeaders } from './api.js';

const listeners = new Map(); // type -> Set of functions
let lastId = null;
let controller = null;
let retryMillis = 2000;
let stateListener = () => {};

/** Calls fn(data, event) for each event of the type; returns a function that unsubscribes. */
export function on(type, fn) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(fn);
  return () => listeners.get(type).delete(fn);
}

/** Tells fn(connected) when the stream connects or drops. */
export function onState(fn) {
  stateListener = fn;
}

function dispatch(type, data, id) {
  // counted for people debugging the page (and for the browser tests)
  const seen = (window.farcall.seen = window.farcall.seen || {});
  seen[type] = (seen[type] || 0) + 1;
  for (const fn of listeners.get(type) || []) {
    try { fn(data, { type, id }); } catch (e) { console.error(`listener of ${type}`, e); }
  }
  for (const fn of listeners.get('*') || []) {
    try { fn(data, { type, id }); } catch (e) { console.error('listener of *', e); }
  }
}

function parse(block) {
  let type = 'message';
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retryMillis = Number(value);
  }
  if (id !== null) lastId = id;
  if (data.length) dispatch(type, JSON.parse(data.join('\n')), id);
}

async function readOnce(signal) {
  const extra = { Accept: 'text/event-stream' };
  if (lastId) extra['Last-Event-ID'] = lastId;
  const response = await fetch('/api/v1/events', { headers: authHeaders(extra), signal });
  if (!response.ok) throw new Error(`events: HTTP ${response.status}`);
  stateListener(true);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}

/** Starts streaming (once); reconnects with Last-Event-ID whenever the stream ends. */
export function start() {
  if (controller) return;
  controller = new AbortController();
  const signal = controller.signal;
  (async () => {
    while (!signal.aborted) {
      try { await readOnce(signal); } catch (e) { if (signal.aborted) return; }
      stateListener(false);
      await new Promise((r) => setTimeout(r, retryMillis));
    }
  })();
}

export function stop() {
  if (controller) controller.abort();
  controller = null;
  lastId = null;
  stateListener(false);
}
