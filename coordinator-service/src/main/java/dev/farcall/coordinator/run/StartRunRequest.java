package dev.farcall.coordinator.run;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/programs/{id}/runs}; every member is optional.
 *
 * @param mainClass binary name of the class whose {@code main} runs; the jar's {@code Main-Class}
 *     when absent
 * @param args the program's arguments
 * @param heuristic the placement heuristic; the configured default when absent
 * @param tunables tunables of the heuristic for this run
 * @param deadlineSeconds when set, the run is cancelled this many seconds after it was requested
 * @param maxHeapBytes the heap limit of the run's JVM; the configured default when absent
 */
public record StartRunRequest(
    String mainClass,
    List<String> args,
    String heuristic,
    Map<String, Object> tunables,
    Long deadlineSeconds,
    Long maxHeapBytes) {

  public StartRunRequest {
    args = args == null ? List.of() : List.copyOf(args);
    tunables = tunables == null ? Map.of() : Map.copyOf(tunables);
  }
}
