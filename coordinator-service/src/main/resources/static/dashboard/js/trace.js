// Chrome trace-event JSON (opens in Perfetto and chrome://tracing) of a run's timeline: one
// "thread" per worker, one complete event ("ph": "X") per remote call.

const OUTCOMES = ['returned', 'threw', 'failed'];

export function traceEvents(timeline) {
  const events = timeline.workers.map((w, i) => ({
    name: 'thread_name', ph: 'M', pid: 1, tid: i + 1, args: { name: w || '(no worker: ran at home)' },
  }));
  events.push({ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: `run ${timeline.runId}` } });
  for (const [site, worker, start, duration, work, outcome] of timeline.calls) {
    events.push({
      name: timeline.sites[site], cat: 'remote', ph: 'X', pid: 1, tid: worker + 1, ts: start, dur: Math.max(1, duration),
      args: { workMicros: work, overheadMicros: duration - work, outcome: OUTCOMES[outcome] },
    });
  }
  return { traceEvents: events, displayTimeUnit: 'ms', otherData: { runId: timeline.runId, startedAt: timeline.startedAt, dropped: timeline.dropped } };
}

/** Offers the trace as a file download. */
export function download(timeline) {
  const blob = new Blob([JSON.stringify(traceEvents(timeline))], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `farcall-run-${timeline.runId}.trace.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
