package dev.farcall.heuristics.adaptive;

/**
 * Asks the driver to send the next {@code calls} calls of a LOCAL site remotely and keep the site
 * LOCAL otherwise, so that the policy can decide on measured remote figures instead of assumed
 * ones. Never made in shadow mode.
 *
 * @param site the site's id
 * @param methodKey the site's method
 * @param calls how many calls to send
 * @param atNanos when, on the round's clock
 * @param reason why, for people, with the figures
 */
public record TrialRequest(int site, String methodKey, int calls, long atNanos, String reason) {

  /** Checks that at least one call is asked for. */
  public TrialRequest {
    if (calls < 1) {
      throw new IllegalArgumentException("a trial needs at least one call, was " + calls);
    }
  }
}
