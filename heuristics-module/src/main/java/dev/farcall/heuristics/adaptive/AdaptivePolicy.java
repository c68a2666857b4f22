package dev.farcall.heuristics.adaptive;

import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.TunableValidationException;
import dev.farcall.heuristics.placement.Tunables;
import java.util.List;
import java.util.Map;

/**
 * Decides, round after round while a program runs, which movable call sites run LOCAL and which
 * REMOTE, from what was measured. A pure function: {@code (round, state) → (decisions, trials,
 * batch sizes, next state)}; the same inputs give the same outcome, and the given state is never
 * modified. The driver, the simulator and the tests call the same code.
 *
 * <p>Every policy keeps these rules, checked by the contract test each implementation's test
 * extends:
 *
 * <ul>
 *   <li>a site that is not {@link Movability#MOVABLE} (pinned, not movable, or fixed by an
 *       override) is never flipped and never trialled, whatever its profile;
 *   <li>a site the policy flipped is not flipped again within its dwell (the {@code minDwellMillis}
 *       tunable, longer after remote lost);
 *   <li>the run's flips in any second never exceed the {@code maxFlipsPerSecond} tunable;
 *   <li>in shadow mode ({@code shadow}) every decision is recorded with {@code applied = false},
 *       and no trial is asked for: nothing the driver does changes;
 *   <li>a decision flips (from ≠ to), its {@code from} is the mode the policy holds the site in,
 *       and it has a reason carrying its figures.
 * </ul>
 *
 * <p><b>No answer.</b> A round in which the policy has no basis to change anything (no profiles
 * yet, too few samples, no alive workers and nothing remote, every site pinned, every candidate
 * within its dwell or over the cap) returns an outcome with no decisions and no trials, and the
 * state carried forward: every site keeps its current mode. {@code decide} never returns {@code
 * null}; "keep everything as it is" is always a valid answer.
 */
public interface AdaptivePolicy {

  /** A short stable name used in REST and settings, e.g. {@code cost-benefit}. */
  String name();

  /** One or two sentences for people: how the policy decides. */
  String description();

  /** The tunables this policy reads, each with type, default, range and description. */
  List<TunableDescriptor> parameters();

  /**
   * Decides one round.
   *
   * @param round the profiles, home's saturation, the cluster's capacity and now
   * @param state the state the previous round returned ({@link PolicyState#initial()} for a run's
   *     first round)
   * @param tunables values validated against {@link #parameters()}; values validated for another
   *     policy are checked again against this one's parameters
   * @return the flips, trial calls and batch sizes of this round, and the next state
   * @throws TunableValidationException when the given tunable values do not fit {@link
   *     #parameters()}
   */
  PolicyOutcome decide(PolicyRound round, PolicyState state, Tunables tunables);

  /**
   * Validates values against {@link #parameters()}.
   *
   * @throws TunableValidationException naming each bad value and its accepted range
   */
  default Tunables tunables(Map<String, ?> values) {
    return Tunables.of(parameters(), values);
  }

  /** Decides with every tunable at its default. */
  default PolicyOutcome decide(PolicyRound round, PolicyState state) {
    return decide(round, state, Tunables.defaults(parameters()));
  }
}
