package dev.farcall.model.wire;

/** Sizes the wire can carry, shared by everything that produces requests or results. */
public final class WireLimits {

  /**
   * The largest argument or result payload of one call: Kafka's default {@code max.request.size}
   * and {@code message.max.bytes} (1 MiB) less room for the request's envelope (ids, method, trace
   * context) and the record's own overhead. Larger payloads are refused before they are produced,
   * with a 413 naming the limit, instead of failing inside Kafka's producer.
   */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 960 * 1024;

  private WireLimits() {}
}
