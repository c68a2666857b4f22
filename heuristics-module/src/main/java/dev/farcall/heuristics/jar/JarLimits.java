package dev.farcall.heuristics.jar;

/**
 * Caps applied while reading a jar, counted over the jar and every jar nested in it, on the bytes
 * actually inflated (never on what an entry header claims).
 *
 * @param maxEntries entries in the jar and all nested jars together
 * @param maxEntryBytes uncompressed bytes of a single entry (a nested jar counts as one entry)
 * @param maxTotalBytes uncompressed bytes of everything read
 * @param maxNestingDepth how deep jars may nest (1: the jar's own nested jars, no deeper)
 */
public record JarLimits(
    int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxNestingDepth) {

  /** Default number of entries: far above any real program, far below a zip bomb. */
  public static final int DEFAULT_MAX_ENTRIES = 200_000;

  /** Default size of one entry: 64 MiB. */
  public static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 20;

  /** Default size of everything read: 1 GiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;

  /** Default nesting: jars inside the jar, but not jars inside those. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 2;

  public JarLimits {
    if (maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxNestingDepth < 0) {
      throw new IllegalArgumentException("jar limits must be positive");
    }
  }

  /** The defaults. */
  public static JarLimits defaults() {
    return new JarLimits(
        DEFAULT_MAX_ENTRIES,
        DEFAULT_MAX_ENTRY_BYTES,
        DEFAULT_MAX_TOTAL_BYTES,
        DEFAULT_MAX_NESTING_DEPTH);
  }
}
