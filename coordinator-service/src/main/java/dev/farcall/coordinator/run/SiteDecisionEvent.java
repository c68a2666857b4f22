package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.Decision;
import java.time.Instant;

/**
 * Published when a live run flips a site (a dispatchable method) between LOCAL and REMOTE; the
 * adaptive policy in the driver decides, and the coordinator publishes this when it learns of it
 * from the run's events. Listeners must be quick and must not throw.
 *
 * @param runId the run
 * @param site the method whose calls now run elsewhere
 * @param from the decision before
 * @param to the decision now
 * @param at when it flipped
 * @param reason why, for people
 */
public record SiteDecisionEvent(
    String runId, Site site, Decision from, Decision to, Instant at, String reason) {

  /**
   * A method of the program as the JVM names it.
   *
   * @param className binary class name, e.g. {@code org.example.Main$Inner}
   * @param methodName the method's name
   * @param descriptor its JVM descriptor, e.g. {@code (I)J}
   */
  public record Site(String className, String methodName, String descriptor) {}
}
