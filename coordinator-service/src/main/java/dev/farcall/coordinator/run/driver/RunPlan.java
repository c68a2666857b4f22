package dev.farcall.coordinator.run.driver;

import dev.farcall.model.MethodId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run may dispatch: every method the placement found movable and some call site reaches,
 * each with its initial decision. Methods absent from the plan are never rewritten and always run
 * at home, so the plan is the single gate for "nothing with effects moves".
 *
 * @param methods the dispatchable methods in a stable order (it becomes the site numbering)
 */
public record RunPlan(List<PlannedMethod> methods) {

  /**
   * A dispatchable method and its decision, with the reason shown to users.
   *
   * @param estimatedWorkNanos the cost model's work per call, {@code NaN} when unknown
   * @param fixed a user's override decided it: the adaptive policy never changes it
   */
  public record PlannedMethod(
      MethodId method, Decision decision, String reason, double estimatedWorkNanos, boolean fixed) {

    /** A method without a work estimate, that the adaptive policy may move. */
    public PlannedMethod(MethodId method, Decision decision, String reason) {
      this(method, decision, reason, Double.NaN, false);
    }

    /** The same method starting with another decision, for the given reason. */
    public PlannedMethod startingAt(Decision start, String why) {
      return new PlannedMethod(method, start, why, estimatedWorkNanos, fixed);
    }
  }

  public RunPlan {
    methods = List.copyOf(methods);
    Map<MethodId, PlannedMethod> unique = new LinkedHashMap<>();
    for (PlannedMethod m : methods) {
      if (unique.put(m.method(), m) != null) {
        throw new IllegalArgumentException("method planned twice: " + m.method());
      }
    }
  }

  /** A plan that moves nothing. */
  public static RunPlan empty() {
    return new RunPlan(List.of());
  }
}
