/**
 * A discrete-event cluster simulator that drives the adaptive policy's own code, to evaluate it at
 * a scale no test machine offers (10,000 call sites, 256 to 4,096 workers).
 *
 * <p>The model ({@link dev.farcall.heuristics.simulation.Simulator}): call sites whose caller
 * threads make calls one after the other, each call's work drawn from the site's phase's {@link
 * dev.farcall.heuristics.simulation.WorkDistribution} (the same draw in every run of a {@link
 * dev.farcall.heuristics.simulation.Scenario}: a trace); a home with cores shared by its runnable
 * threads (processor sharing); one link each way between home and the cluster with a round-trip
 * time, a bandwidth and FIFO queueing; workers with slots served from one FIFO queue. A {@link
 * dev.farcall.heuristics.simulation.Strategy} decides where calls run: a fixed assignment (all
 * local, all remote, the {@link dev.farcall.heuristics.simulation.Oracle}'s) or an {@link
 * dev.farcall.heuristics.adaptive.AdaptivePolicy} run every simulated 100 ms on profiles built the
 * way a driver builds them ({@link dev.farcall.heuristics.adaptive.SiteProfileSmoother}).
 *
 * <p>Plain Java, single-threaded, deterministic: the same scenario and strategy give the same
 * result.
 */
package dev.farcall.heuristics.simulation;
