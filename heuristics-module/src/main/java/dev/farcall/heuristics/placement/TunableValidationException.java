package dev.farcall.heuristics.placement;

import java.util.List;
import java.util.stream.Collectors;

/** Tunable values were rejected: unknown name, wrong type or out of range. Nothing was applied. */
public final class TunableValidationException extends PlacementException {
  private static final long serialVersionUID = 1L;

  /**
   * One rejected value.
   *
   * @param name the tunable's name as given
   * @param value the rejected value, as text
   * @param problem what is wrong, naming the accepted range or type
   */
  public record Violation(String name, String value, String problem) {
    @Override
    public String toString() {
      return name + "=" + value + ": " + problem;
    }
  }

  private final transient List<Violation> violations;

  /** Creates the exception for at least one violation. */
  public TunableValidationException(List<Violation> violations) {
    super(
        "invalid tunables: "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** The rejected values, in the order checked (by tunable name). */
  public List<Violation> violations() {
    return violations;
  }
}
