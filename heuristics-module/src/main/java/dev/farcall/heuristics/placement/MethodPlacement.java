package dev.farcall.heuristics.placement;

import java.util.Objects;

/**
 * The decision for one method.
 *
 * @param methodKey the method's key
 * @param className binary class name with dots
 * @param methodName method name
 * @param descriptor JVM descriptor
 * @param decision where its calls run
 * @param reason why, for people (never empty)
 * @param estimates the cost model's figures for it
 */
public record MethodPlacement(
    String methodKey,
    String className,
    String methodName,
    String descriptor,
    Decision decision,
    String reason,
    Estimates estimates) {

  /** Checks that there is a reason. */
  public MethodPlacement {
    Objects.requireNonNull(decision, "decision");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("decision for " + methodKey + " needs a reason");
    }
  }
}
