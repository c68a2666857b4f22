package dev.farcall.coordinator.invocation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the plain values {@code PlainValues} decodes (maps, lists, strings, numbers, booleans,
 * null) into a JSON tree, keeping numbers exact.
 */
final class PlainJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlainJson() {}

  static JsonNode toJson(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
      return node;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode node = NODES.arrayNode(list.size());
      list.forEach(v -> node.add(toJson(v)));
      return node;
    }
    if (value instanceof String s) {
      return NODES.stringNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l.longValue());
    }
    if (value instanceof BigInteger b) {
      return NODES.numberNode(b);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f.floatValue());
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d.doubleValue());
    }
    if (value instanceof byte[] bytes) {
      return NODES.binaryNode(bytes);
    }
    return NODES.stringNode(value.toString());
  }
}
