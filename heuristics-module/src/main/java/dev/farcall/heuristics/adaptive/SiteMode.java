package dev.farcall.heuristics.adaptive;

/** Where a site's calls made from home run now. */
public enum SiteMode {
  /** In the caller's thread at home. */
  LOCAL,
  /** Dispatched to a worker. */
  REMOTE
}
