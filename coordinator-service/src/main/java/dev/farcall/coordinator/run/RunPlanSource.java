package dev.farcall.coordinator.run;

import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.run.driver.RunPlan;
import java.util.Map;

/**
 * Where the run driver gets its plan: the seam to the analysis and the placement heuristics.
 *
 * <p>Contract for implementations: a method may appear in the plan only if the analysis (or an
 * explicit {@code @Pure} declaration) found it movable — free of I/O, global writes, unknown native
 * calls and argument mutation, with a transferable signature. The driver trusts this completely: it
 * dispatches exactly the methods marked {@link Decision#REMOTE} and rewrites the call sites of the
 * listed methods only. "No answer" is {@link RunPlan#empty()}: the program runs entirely at home.
 */
@FunctionalInterface
public interface RunPlanSource {

  /**
   * The plan for one run.
   *
   * @param heuristic the placement heuristic asked for, or {@code null} for the configured default
   * @param tunables the run's tunables (validated by the implementation)
   * @throws IllegalArgumentException with a readable message when the heuristic or a tunable is
   *     unknown or out of range
   */
  RunPlan planFor(ProgramRef program, String heuristic, Map<String, Object> tunables);
}
