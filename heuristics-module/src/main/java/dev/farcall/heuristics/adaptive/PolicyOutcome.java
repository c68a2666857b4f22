package dev.farcall.heuristics.adaptive;

import java.util.List;
import java.util.Objects;

/**
 * A round's answer.
 *
 * @param decisions the flips of this round, in the order they were accepted (sites going home
 *     first); empty when nothing changes
 * @param trials the trial calls asked for this round; always empty in shadow mode
 * @param state the state to pass to the next round
 */
public record PolicyOutcome(
    List<SiteDecision> decisions, List<TrialRequest> trials, PolicyState state) {

  /** Copies the lists. */
  public PolicyOutcome {
    decisions = List.copyOf(decisions);
    trials = List.copyOf(trials);
    Objects.requireNonNull(state, "state");
  }

  /** The batch size recommended for a site's remote calls (1 for a LOCAL or unknown site). */
  public int batchSize(int site) {
    return state.batchSize(site);
  }

  /** Whether the round changes nothing: no flip and no trial. */
  public boolean isQuiet() {
    return decisions.isEmpty() && trials.isEmpty();
  }
}
