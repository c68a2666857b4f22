package dev.farcall.coordinator.events;

import dev.farcall.coordinator.system.InvalidRequestException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a client wants: those of one program, of one run, of some types; all when empty.
 *
 * @param programId only events of this program (its runs included)
 * @param runId only events of this run
 * @param types only these types
 */
record EventFilter(Optional<String> programId, Optional<String> runId, Set<String> types) {

  /** Every type the stream carries. */
  static final Set<String> TYPES =
      Set.of(
          EventTypes.PROGRAM_UPLOADED,
          EventTypes.PROGRAM_DELETED,
          EventTypes.ANALYSIS_DONE,
          EventTypes.PLAN_CHANGED,
          EventTypes.RUN_STARTED,
          EventTypes.RUN_OUTPUT,
          EventTypes.RUN_STATS,
          EventTypes.RUN_FINISHED,
          EventTypes.SITE_DECISION,
          EventTypes.WORKER_STATUS);

  static final EventFilter ALL = new EventFilter(Optional.empty(), Optional.empty(), Set.of());

  /**
   * The filter of a request's parameters.
   *
   * @param types comma-separated types, or {@code null}
   * @throws InvalidRequestException naming an unknown type
   */
  static EventFilter of(String programId, String runId, String types) {
    Set<String> wanted =
        types == null || types.isBlank()
            ? Set.of()
            : Arrays.stream(types.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    for (String type : wanted) {
      if (!TYPES.contains(type)) {
        throw new InvalidRequestException(
            "types",
            "Unknown event type '" + type + "'; known: " + TYPES.stream().sorted().toList());
      }
    }
    return new EventFilter(blankToEmpty(programId), blankToEmpty(runId), wanted);
  }

  boolean matches(StreamEvent event) {
    if (!types.isEmpty() && !types.contains(event.type())) {
      return false;
    }
    if (runId.isPresent() && !runId.equals(event.run())) {
      return false;
    }
    return programId.isEmpty() || programId.equals(event.program());
  }

  private static Optional<String> blankToEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
