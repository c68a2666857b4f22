package dev.farcall.coordinator.run.driver;

import java.time.Duration;
import java.util.function.DoublePredicate;

/**
 * What every run's driver is told besides its run.
 *
 * @param callTimeout a remote call not answered by then runs at home
 * @param statsInterval how often the driver reports its stats
 * @param countsLocalCalls whether a LOCAL site of this estimated work per call (ns, NaN when
 *     unknown) counts its calls
 */
public record SpecSettings(
    Duration callTimeout, Duration statsInterval, DoublePredicate countsLocalCalls) {}
