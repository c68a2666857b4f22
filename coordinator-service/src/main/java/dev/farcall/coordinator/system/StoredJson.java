package dev.farcall.coordinator.system;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the repositories read the JSON they stored. A row may have been written by an earlier
 * version, before a record gained a field: such a field is absent, and it reads as the Java default
 * (0, false) instead of failing the whole row, as Jackson 3's default would for a primitive.
 * Without this, one new stats field made every older run unreadable ({@code GET /runs} answered
 * 500). REST bodies keep their strict mapper ({@link JsonRequestConfiguration}).
 */
public final class StoredJson {

  private StoredJson() {}

  /** {@code json} reading absent or null primitives as their defaults. */
  public static JsonMapper tolerant(JsonMapper json) {
    return json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
  }

  /** {@code json} reading absent or null primitives as their defaults. */
  public static ObjectMapper tolerant(ObjectMapper json) {
    return json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
  }
}
