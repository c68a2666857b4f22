/**
 * Timelines of runs' remote calls ({@code GET /api/v1/runs/{id}/timeline}): when each remote call
 * started, how long it took end to end and on its worker, on which worker, and how it ended.
 *
 * <p>Calls arrive as {@link dev.farcall.coordinator.timeline.RemoteCallEvent}s. A run's calls are
 * kept in memory while it goes (up to {@code farcall.timeline.max-calls} per run; beyond that they
 * are only counted) and stored with the run history when it ends. The run driver (its own JVM)
 * makes the remote calls, so it must report, per remote call, the site, the worker id, when it was
 * sent, the round trip and the worker's execute time in microseconds, and the outcome, on its run
 * events; the coordinator's reader of those events publishes one {@code RemoteCallEvent} each.
 * Until the driver reports them, timelines of real runs are empty.
 */
package dev.farcall.coordinator.timeline;
