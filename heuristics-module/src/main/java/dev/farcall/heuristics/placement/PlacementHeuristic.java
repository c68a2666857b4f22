package dev.farcall.heuristics.placement;

import java.util.List;
import java.util.Map;

/**
 * Decides which methods of a program run on workers.
 *
 * <p>Every heuristic keeps these rules, checked by the contract test each implementation's test
 * extends:
 *
 * <ul>
 *   <li>a method that is pinned or not movable is {@link Decision#PINNED}, never REMOTE;
 *   <li>overrides win: LOCAL keeps a movable method local, REMOTE sends a movable method remote,
 *       REMOTE on a method that may not move is rejected with {@link OverrideRejectedException};
 *   <li>only the outermost movable call on a path moves: a method whose every caller runs remotely
 *       runs inside them and is LOCAL with the reason "runs inside remote X";
 *   <li>every decision has a reason; the same problem and tunables give the same plan.
 * </ul>
 *
 * <p><b>No answer.</b> A heuristic that has no basis to move anything (no estimates, nothing
 * movable, nothing worth the dispatch cost) still returns a full plan: every reached method is
 * LOCAL or PINNED with a reason saying why. It never returns {@code null} or an empty plan for a
 * problem with call sites, so running the plan is always the same as running the program at home.
 */
public interface PlacementHeuristic {

  /** A short stable name used in REST and settings, e.g. {@code greedy}. */
  String name();

  /** One or two sentences for people: how the heuristic decides. */
  String description();

  /** The tunables this heuristic reads, each with type, default, range and description. */
  List<TunableDescriptor> parameters();

  /**
   * Places the problem's methods.
   *
   * @param problem the program's methods, call sites, entry points, overrides and profiles
   * @param tunables values validated against {@link #parameters()}; values validated for another
   *     heuristic are checked again against this one's parameters
   * @return a decision for every method that a call site reaches and every entry point
   * @throws OverrideRejectedException when an override asks REMOTE for a method that may not move
   * @throws TunableValidationException when the given tunable values do not fit {@link
   *     #parameters()}
   */
  PlacementPlan place(PlacementProblem problem, Tunables tunables);

  /**
   * Validates values against {@link #parameters()}.
   *
   * @throws TunableValidationException naming each bad value and its accepted range
   */
  default Tunables tunables(Map<String, ?> values) {
    return Tunables.of(parameters(), values);
  }

  /** Places with every tunable at its default. */
  default PlacementPlan place(PlacementProblem problem) {
    return place(problem, Tunables.defaults(parameters()));
  }
}
