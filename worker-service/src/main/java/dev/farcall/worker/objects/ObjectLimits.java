package dev.farcall.worker.objects;

/**
 * How many remote objects a worker holds, and how much heap they may take.
 *
 * @param maxObjects objects held at once; one more is refused with OBJECT_LIMIT_REACHED
 * @param maxBytes the sum of the objects' heap estimates (what their constructors allocated) at
 *     which a new object is refused rather than risking an OutOfMemoryError for every object
 */
public record ObjectLimits(int maxObjects, long maxBytes) {

  /** Default of {@link #maxObjects()}. */
  public static final int DEFAULT_MAX_OBJECTS = 10_000;

  /** Default share of the maximum heap the objects may take. */
  public static final double DEFAULT_HEAP_SHARE = 0.25;

  public ObjectLimits {
    if (maxObjects < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("object limits must not be negative");
    }
  }
}
