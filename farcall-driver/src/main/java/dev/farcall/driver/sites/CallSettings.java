package dev.farcall.driver.sites;

import dev.farcall.dispatch.Deadline;
import java.time.Duration;
import java.util.Optional;

/**
 * How the run's remote calls wait.
 *
 * @param callTimeout a remote call not answered by then runs at home instead
 * @param runDeadline when the coordinator ends the run; no call waits beyond it
 */
public record CallSettings(Duration callTimeout, Optional<Deadline> runDeadline) {

  /** The deadline of a call made now. */
  Deadline deadlineOfCallMadeNow() {
    Deadline call = Deadline.in(callTimeout);
    return runDeadline.map(call::earlierOf).orElse(call);
  }
}
