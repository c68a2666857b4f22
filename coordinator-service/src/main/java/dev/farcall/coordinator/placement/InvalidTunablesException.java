package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.system.FarcallException;
import dev.farcall.heuristics.placement.TunableValidationException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Heuristic settings were rejected (422, {@code invalid-tunables}): an unknown heuristic, an
 * unknown tunable, a wrong type or a value out of range. Nothing was changed.
 */
public class InvalidTunablesException extends FarcallException {

  private final List<TunableValidationException.Violation> violations;

  /**
   * @param heuristic the heuristic the values were checked against
   * @param violations every rejected value with the accepted range
   */
  public InvalidTunablesException(
      String heuristic, List<TunableValidationException.Violation> violations) {
    super(
        "Invalid settings for heuristic '"
            + heuristic
            + "': "
            + String.join("; ", violations.stream().map(Object::toString).toList()));
    this.violations = List.copyOf(violations);
  }

  /** The rejected values. */
  public List<TunableValidationException.Violation> violations() {
    return violations;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-tunables";
  }

  @Override
  public String title() {
    return "Invalid tunables";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of(
        "violations",
        violations.stream()
            .map(v -> Map.of("name", v.name(), "value", v.value(), "problem", v.problem()))
            .toList());
  }
}
