/**
 * Adaptive placement: a policy that, every round of a running program (about every 100 ms), reads
 * measured profiles of its call sites and decides which movable sites run LOCAL or REMOTE.
 *
 * <p>The SPI is {@link dev.farcall.heuristics.adaptive.AdaptivePolicy}: a pure function from a
 * {@link dev.farcall.heuristics.adaptive.PolicyRound} (per-site profiles, home saturation, cluster
 * capacity, now) and the {@link dev.farcall.heuristics.adaptive.PolicyState} of the previous round
 * to a {@link dev.farcall.heuristics.adaptive.PolicyOutcome} (flips with their reasons and figures,
 * trial calls, batch sizes, the next state). The run driver, the cluster simulator ({@code
 * dev.farcall.heuristics.simulation}), the tests and the benchmarks all call the same code. A
 * driver keeps cumulative counters per site on the call path ({@link
 * dev.farcall.heuristics.adaptive.SiteCounters}) and turns them into smoothed profiles with one
 * {@link dev.farcall.heuristics.adaptive.SiteProfileSmoother} per site, off the call path.
 *
 * <p>The built-in policies are listed by {@link dev.farcall.heuristics.adaptive.AdaptivePolicies};
 * the default is {@link dev.farcall.heuristics.adaptive.CostBenefitAdaptivePolicy}. Tunables use
 * the placement heuristics' {@link dev.farcall.heuristics.placement.TunableDescriptor}, so REST and
 * validation read the same descriptors.
 *
 * <p>Plain Java: no Spring, no I/O, no threads.
 */
package dev.farcall.heuristics.adaptive;
