package dev.farcall.heuristics.placement;

import java.util.List;

/**
 * The tunables of {@link StaticCostModel}; every built-in heuristic includes them in its {@link
 * PlacementHeuristic#parameters()}.
 *
 * @param nsPerInstruction nanoseconds one bytecode instruction takes
 * @param loopFactor how many times a loop body runs, per nesting level
 * @param recursionFactor how many times the body of a recursive method (or cycle) runs per call
 * @param dispatchOverheadMicros fixed cost of one remote call, in microseconds
 * @param nsPerByte cost of encoding and moving one byte of arguments or result
 */
public record CostParameters(
    double nsPerInstruction,
    double loopFactor,
    double recursionFactor,
    double dispatchOverheadMicros,
    double nsPerByte) {

  /** Tunable name of {@link #nsPerInstruction()}. */
  public static final String NS_PER_INSTRUCTION = "nsPerInstruction";

  /** Tunable name of {@link #loopFactor()}. */
  public static final String LOOP_FACTOR = "loopFactor";

  /** Tunable name of {@link #recursionFactor()}. */
  public static final String RECURSION_FACTOR = "recursionFactor";

  /** Tunable name of {@link #dispatchOverheadMicros()}. */
  public static final String DISPATCH_OVERHEAD_MICROS = "dispatchOverheadMicros";

  /** Tunable name of {@link #nsPerByte()}. */
  public static final String NS_PER_BYTE = "nsPerByte";

  /** The descriptors of the cost model's tunables. */
  public static final List<TunableDescriptor> DESCRIPTORS =
      List.of(
          TunableDescriptor.ofDouble(
              NS_PER_INSTRUCTION,
              1.0,
              0.01,
              1000,
              "Nanoseconds one bytecode instruction takes in the static work estimate."),
          TunableDescriptor.ofDouble(
              LOOP_FACTOR,
              10,
              1,
              1000,
              "Iterations assumed per loop nesting level: a body at depth d counts factor^d times."),
          TunableDescriptor.ofDouble(
              RECURSION_FACTOR,
              10,
              1,
              1_000_000,
              "Times the bodies of a recursive method or cycle are assumed to run per call."),
          TunableDescriptor.ofDouble(
              DISPATCH_OVERHEAD_MICROS,
              1500,
              0,
              10_000_000,
              "Fixed cost of one remote call (encode, Kafka round trip, decode), microseconds."),
          TunableDescriptor.ofDouble(
              NS_PER_BYTE,
              10,
              0,
              1_000_000,
              "Cost of encoding and moving one byte of arguments or result, nanoseconds."));

  /** Reads the cost tunables from validated values that include {@link #DESCRIPTORS}. */
  public static CostParameters from(Tunables tunables) {
    return new CostParameters(
        tunables.getDouble(NS_PER_INSTRUCTION),
        tunables.getDouble(LOOP_FACTOR),
        tunables.getDouble(RECURSION_FACTOR),
        tunables.getDouble(DISPATCH_OVERHEAD_MICROS),
        tunables.getDouble(NS_PER_BYTE));
  }

  /** The defaults. */
  public static CostParameters defaults() {
    return from(Tunables.defaults(DESCRIPTORS));
  }
}
