/**
 * Runs of programs, each in a driver JVM of its own (module {@code farcall-driver}).
 *
 * <ul>
 *   <li>{@link dev.farcall.coordinator.run.RunService} and {@code RunController} are the runs API:
 *       requests are validated (main class, heap, deadline, plan) before anything starts; runs are
 *       persisted in the {@code runs} table.
 *   <li>{@code RunSupervisor} starts at most {@code max-concurrent} drivers, watches each until its
 *       JVM exits, stops it on cancel or deadline (SIGTERM, then SIGKILL), records its end ({@code
 *       RunOutcome}), and takes over drivers a previous coordinator left running.
 *   <li>{@link dev.farcall.coordinator.run.RunPlanSource} is the seam to analysis and placement.
 *   <li>The driver processes themselves (directory, user, credential, command line, spec, events)
 *       are in {@code dev.farcall.coordinator.run.driver}, which knows nothing of this package.
 * </ul>
 */
package dev.farcall.coordinator.run;
