/**
 * Timelines of runs' remote calls ({@code GET /api/v1/runs/{id}/timeline}): when each remote call
 * started, how long it took end to end and on its worker, on which worker, and how it ended.
 *
 * <p>Today the run driver makes its remote calls in the coordinator, through the {@code
 * RemoteInvoker} seam, so {@code TimelineInvokers} wraps that bean and records each call as it
 * completes. A run's calls are kept in memory while it goes (up to {@code
 * farcall.timeline.max-calls} per run; beyond that they are only counted) and stored with the run
 * history when it ends. A driver in its own process must record, per remote call: the site, the
 * worker id, the start (microseconds since the run started), the round trip and the worker's
 * execute time in microseconds, and the outcome, and stream them to the coordinator with its other
 * run events; the endpoint and its JSON stay as they are.
 */
package dev.farcall.coordinator.timeline;
