package dev.farcall.coordinator.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array into plain Java values ({@code Map}, {@code List}, {@code String}, {@code
 * Boolean}, {@code null} and numbers) without losing precision: whole numbers become {@code
 * Integer}, {@code Long} or {@code BigInteger}, and every number with a fraction or exponent a
 * {@code BigDecimal} taken from the text, never a {@code double}.
 */
final class ExactJsonValues extends ValueDeserializer<List<Object>> {

  @Override
  @SuppressWarnings("unchecked")
  public List<Object> deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return (List<Object>)
          ctxt.reportInputMismatch(this, "args must be a JSON array, got %s", p.currentToken());
    }
    return (List<Object>) read(p, ctxt);
  }

  private Object read(JsonParser p, DeserializationContext ctxt) {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(p, ctxt));
          }
          return list;
        }
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, read(p, ctxt));
          }
          return map;
        }
      case VALUE_STRING:
        return p.getString();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        return ctxt.reportInputMismatch(this, "unexpected JSON token %s in args", token);
    }
  }
}
