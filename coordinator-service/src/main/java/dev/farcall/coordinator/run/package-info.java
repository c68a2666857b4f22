/**
 * The run driver: runs an uploaded program's {@code main} in the coordinator with its dispatchable
 * calls sent to workers.
 *
 * <ul>
 *   <li>{@link dev.farcall.coordinator.run.ProgramRun} executes one run: a fresh {@code
 *       RunClassLoader} rewrites the program's classes ({@code CallSiteRewriter}), {@code main}
 *       runs in the run's own thread group, and the run ends like a JVM.
 *   <li>{@code Dispatcher} decides per call (a decision table swapped atomically) and makes remote
 *       calls through the {@link dev.farcall.coordinator.run.RemoteInvoker} seam, falling back to
 *       running at home.
 *   <li>{@link dev.farcall.coordinator.run.RunPlanSource} is the seam to analysis and placement.
 *   <li>{@link dev.farcall.coordinator.run.RunService} and {@code RunController} are the runs API;
 *       runs are persisted in the {@code runs} table.
 * </ul>
 */
package dev.farcall.coordinator.run;
