package dev.farcall.heuristics.placement;

/** Where calls of a method run. */
public enum Decision {
  /** Calls run where the caller runs (at home, or inside a remote caller on its worker). */
  LOCAL,
  /** Calls made from home are dispatched to a worker. */
  REMOTE,
  /** The method never moves: it has effects, is declared {@code @Pinned}, or is not movable. */
  PINNED
}
