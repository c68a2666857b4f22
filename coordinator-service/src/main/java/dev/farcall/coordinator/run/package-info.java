/**
 * Runs of programs, each in a driver JVM of its own (module {@code farcall-driver}).
 *
 * <ul>
 *   <li>{@link dev.farcall.coordinator.run.RunService} and {@code RunController} are the runs API:
 *       requests are validated (main class, heap, deadline, plan) before anything starts; runs are
 *       persisted in the {@code runs} table.
 *   <li>{@code RunSupervisor} starts at most {@code max-concurrent} drivers, watches each until its
 *       JVM exits, stops it on cancel or deadline (SIGTERM, then SIGKILL), records its end, and
 *       takes over drivers a previous coordinator left running.
 *   <li>{@code DriverLauncher} starts one driver: its directory ({@code RunDirectory}), its user
 *       ({@code RunIsolation}), its credential ({@code RunCredentials}), its command line ({@code
 *       DriverCommand}) and its spec on standard input ({@code RunSpecFactory}).
 *   <li>{@code RunEventsListener} reads what drivers report (stats, how main ended) on the
 *       run-events topic.
 *   <li>{@link dev.farcall.coordinator.run.RunPlanSource} is the seam to analysis and placement.
 * </ul>
 */
package dev.farcall.coordinator.run;
