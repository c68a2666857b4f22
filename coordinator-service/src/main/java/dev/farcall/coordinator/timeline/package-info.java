/**
 * Timelines of runs' remote calls ({@code GET /api/v1/runs/{id}/timeline}): when each remote call
 * started, how long it took end to end and on its worker, on which worker, and how it ended.
 *
 * <p>A run's driver (its own JVM, which makes the remote calls) records each completed remote call
 * (site, worker, when it was sent, round trip, the worker's execute time, outcome) and sends the
 * new ones with each stats report on its run events, bounded per report and per run; the runs
 * feature publishes them as a {@link dev.farcall.coordinator.run.RemoteCallsReported} per report. A
 * {@link dev.farcall.coordinator.timeline.RemoteCallEvent} adds a single call. A run's calls are
 * kept in memory while it goes (up to {@code farcall.timeline.max-calls} per run; beyond that, and
 * beyond the driver's caps, they are only counted as dropped) and stored with the run history when
 * it ends.
 */
package dev.farcall.coordinator.timeline;
