package dev.farcall.heuristics.adaptive;

import java.util.OptionalDouble;

/**
 * The figures behind one decision, for the run's decision event and for people. Durations in ns.
 *
 * @param workNanos the work of one call the decision assumed
 * @param overheadNanos the dispatch overhead of one call it assumed (measured, or assumed before
 *     any measurement)
 * @param concurrency the site's calls running at once
 * @param freeSlots worker slots free to the site (free slots plus those its own calls hold)
 * @param expectedRemoteNanos expected completion of one call remotely
 * @param expectedHomeNanos expected (LOCAL: measured) completion of one call at home
 * @param measuredRemoteNanos the measured remote round trip, when the site has run remotely
 * @param cores home's cores
 * @param runnableThreads home's runnable threads
 * @param margin the factor remote had to beat home by (going REMOTE) or home had to beat remote by
 *     (going LOCAL)
 */
public record DecisionFigures(
    double workNanos,
    double overheadNanos,
    double concurrency,
    int freeSlots,
    double expectedRemoteNanos,
    double expectedHomeNanos,
    OptionalDouble measuredRemoteNanos,
    int cores,
    double runnableThreads,
    double margin) {}
