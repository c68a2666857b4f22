package dev.farcall.heuristics.placement;

/** The type of a tunable's value. */
public enum TunableType {
  /** A whole number ({@link Integer}) within {@code [min, max]}. */
  INT,
  /** A finite number ({@link Double}) within {@code [min, max]}. */
  DOUBLE,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** One of the descriptor's {@code choices}, as a {@link String}. */
  ENUM
}
