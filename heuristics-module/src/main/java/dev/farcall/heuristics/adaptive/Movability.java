package dev.farcall.heuristics.adaptive;

/** Whether an adaptive policy may change where a site's calls run. */
public enum Movability {
  /** The analysis lets it move and nothing fixes its mode: the policy decides. */
  MOVABLE,
  /** It has effects or is declared {@code @Pinned}: it runs at home, always. */
  PINNED,
  /** The analysis does not let it be dispatched (e.g. it mutates an argument): it stays home. */
  NOT_MOVABLE,
  /** A user override fixes its mode (LOCAL or REMOTE): the policy never changes it. */
  OVERRIDDEN;

  /** Whether the policy may flip the site. */
  public boolean policyDecides() {
    return this == MOVABLE;
  }
}
