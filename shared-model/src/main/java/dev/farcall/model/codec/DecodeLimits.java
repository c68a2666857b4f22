package dev.farcall.model.codec;

/**
 * Caps applied while decoding payloads that come from outside the process. Each length or count
 * prefix is checked against these caps and against the bytes actually present before anything is
 * allocated, so a hostile prefix fails with a {@link PayloadException} instead of an allocation.
 *
 * @param maxStringBytes largest string or byte array, in bytes
 * @param maxCollectionItems largest array, collection or map, in items (over all Avro blocks)
 * @param maxDepth deepest nesting of records and collections, also applied when encoding
 */
public record DecodeLimits(int maxStringBytes, int maxCollectionItems, int maxDepth) {

  /** 16 MiB strings, 4 Mi items, depth 256: generous for calls, far below an OOM. */
  public static final DecodeLimits DEFAULTS = new DecodeLimits(16 << 20, 4 << 20, 256);

  /** Validates the caps. */
  public DecodeLimits {
    if (maxStringBytes < 0 || maxCollectionItems < 0 || maxDepth < 1) {
      throw new IllegalArgumentException("decode limits must be positive");
    }
  }
}
