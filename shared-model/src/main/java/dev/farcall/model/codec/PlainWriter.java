package dev.farcall.model.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Writes plain values (what a JSON parser yields) as Avro binary for a derived schema, checking
 * shapes as it goes so that an error names the field path and what was expected. JDK value types
 * are validated by parsing and written in their canonical form, exactly as {@link TextValueCodec}
 * writes them.
 */
final class PlainWriter {

  private final AvroOut out;

  PlainWriter(AvroOut out) {
    this.out = out;
  }

  private static IllegalArgumentException shape(String path, String expected, Object got) {
    return new IllegalArgumentException(path + ": expected " + expected + ", got " + describe(got));
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + LogicalTypes.shorten(s) + "\"";
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    if (v instanceof Collection<?>) {
      return "a list";
    }
    return LogicalTypes.shorten(String.valueOf(v));
  }

  void write(Schema s, Object v, String path) {
    switch (s.getType()) {
      case NULL -> {
        if (v != null) {
          throw shape(path, "null", v);
        }
      }
      case UNION -> writeUnion(s, v, path);
      case BOOLEAN -> {
        if (!(v instanceof Boolean b)) {
          throw shape(path, "a boolean", v);
        }
        out.writeBoolean(b);
      }
      case INT -> out.writeInt(toInt(s.getProp(LogicalTypes.PROP), v, path));
      case LONG ->
          out.writeLong(integral(v, path, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number"));
      case FLOAT -> out.writeFloat(number(v, path).floatValue());
      case DOUBLE -> out.writeDouble(number(v, path).doubleValue());
      case STRING -> out.writeString(text(s, v, path));
      case BYTES -> out.writeBytes(bytes(v, path));
      case ENUM -> {
        if (!(v instanceof String symbol) || !s.hasEnumSymbol(symbol)) {
          throw shape(path, "one of " + s.getEnumSymbols(), v);
        }
        out.writeInt(s.getEnumOrdinal(symbol));
      }
      case ARRAY -> {
        if (LogicalTypes.MAP.equals(s.getProp(LogicalTypes.PROP))) {
          writeMap(s, v, path);
        } else {
          writeArray(s.getElementType(), v, path);
        }
      }
      case RECORD -> writeRecord(s, v, path);
      default ->
          throw new IllegalArgumentException(path + ": unsupported schema type " + s.getType());
    }
  }

  private void writeUnion(Schema s, Object v, String path) {
    List<Schema> branches = s.getTypes();
    for (int i = 0; i < branches.size(); i++) {
      if ((v == null) == (branches.get(i).getType() == Schema.Type.NULL)) {
        out.writeInt(i);
        write(branches.get(i), v, path);
        return;
      }
    }
    throw shape(path, "a value", v);
  }

  private static Number number(Object v, String path) {
    if (v instanceof Number n) {
      return n;
    }
    throw shape(path, "a number", v);
  }

  private static long integral(Object v, String path, long min, long max, String expected) {
    long value;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      value = ((Number) v).longValue();
    } else if (v instanceof BigInteger b && b.bitLength() < 64) {
      value = b.longValue();
    } else if (v instanceof BigDecimal d) {
      try {
        value = d.longValueExact();
      } catch (ArithmeticException e) {
        throw shape(path, expected, v);
      }
    } else if ((v instanceof Double || v instanceof Float)
        && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())
        && Math.abs(((Number) v).doubleValue()) < 0x1p63) {
      value = ((Number) v).longValue();
    } else {
      throw shape(path, expected, v);
    }
    if (value < min || value > max) {
      throw shape(path, expected + " in [" + min + ", " + max + "]", v);
    }
    return value;
  }

  private static int toInt(String tag, Object v, String path) {
    if ("char".equals(tag)) {
      if (v instanceof String s && s.length() == 1) {
        return s.charAt(0);
      }
      if (v instanceof Character c) {
        return c;
      }
      throw shape(path, "a one-character string", v);
    }
    if ("byte".equals(tag)) {
      return (int) integral(v, path, Byte.MIN_VALUE, Byte.MAX_VALUE, "a whole number");
    }
    if ("short".equals(tag)) {
      return (int) integral(v, path, Short.MIN_VALUE, Short.MAX_VALUE, "a whole number");
    }
    return (int) integral(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "a whole number");
  }

  private static String text(Schema s, Object v, String path) {
    String tag = s.getProp(LogicalTypes.PROP);
    LogicalTypes.Logical logical = LogicalTypes.forName(tag);
    if (logical == null) {
      if (v instanceof String str) {
        return str;
      }
      throw shape(path, "a string", v);
    }
    String textForm;
    if (v instanceof String str) {
      textForm = str;
    } else if (v instanceof Number n
        && (logical.type() == BigDecimal.class || logical.type() == BigInteger.class)) {
      textForm =
          n instanceof Double || n instanceof Float
              ? Double.toString(n.doubleValue())
              : n.toString();
    } else {
      throw shape(path, "a " + logical.type().getSimpleName() + " as a string", v);
    }
    try {
      return logical.parser().apply(textForm).toString();
    } catch (RuntimeException e) {
      throw shape(path, "a " + logical.type().getSimpleName(), v);
    }
  }

  private static byte[] bytes(Object v, String path) {
    if (v instanceof byte[] b) {
      return b;
    }
    if (v instanceof String s) {
      try {
        return Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw shape(path, "base64 bytes", v);
      }
    }
    throw shape(path, "base64 bytes", v);
  }

  private static List<?> asList(Object v, String path) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (v instanceof Object[] a) {
      return java.util.Arrays.asList(a);
    }
    throw shape(path, "a list", v);
  }

  private void writeArray(Schema item, Object v, String path) {
    List<?> list = asList(v, path);
    out.writeBlockStart(list.size());
    for (int i = 0; i < list.size(); i++) {
      write(item, list.get(i), path + "[" + i + "]");
    }
    out.writeBlockEnd();
  }

  /** A map: a JSON object (keys converted through the key schema) or a list of key/value pairs. */
  private void writeMap(Schema s, Object v, String path) {
    Schema entry = s.getElementType();
    Schema keySchema = entry.getField("key").schema();
    Schema valueSchema = entry.getField("value").schema();
    if (v instanceof Map<?, ?> m) {
      out.writeBlockStart(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String at = path + "{" + e.getKey() + "}";
        write(keySchema, keyFromString(keySchema, e.getKey()), at);
        write(valueSchema, e.getValue(), at);
      }
      out.writeBlockEnd();
      return;
    }
    List<?> list = asList(v, path);
    out.writeBlockStart(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> pair)
          || !pair.keySet().stream().allMatch(k -> "key".equals(k) || "value".equals(k))) {
        throw shape(at, "an object {\"key\": ..., \"value\": ...}", list.get(i));
      }
      write(keySchema, pair.get("key"), at + ".key");
      write(valueSchema, pair.get("value"), at + ".value");
    }
    out.writeBlockEnd();
  }

  /** JSON object keys are strings; a numeric or boolean key schema takes them parsed. */
  private static Object keyFromString(Schema keySchema, Object key) {
    if (!(key instanceof String s)) {
      return key;
    }
    Schema t = keySchema;
    if (t.getType() == Schema.Type.UNION) {
      t = t.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElse(t);
    }
    try {
      return switch (t.getType()) {
        case INT, LONG -> "char".equals(t.getProp(LogicalTypes.PROP)) ? s : Long.valueOf(s);
        case FLOAT, DOUBLE -> Double.valueOf(s);
        case BOOLEAN -> "true".equals(s) ? Boolean.TRUE : "false".equals(s) ? Boolean.FALSE : s;
        default -> s;
      };
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private void writeRecord(Schema s, Object v, String path) {
    if (!(v instanceof Map<?, ?> m)) {
      throw shape(path, "an object with fields " + fieldNames(s), v);
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String name) || s.getField(name) == null) {
        throw new IllegalArgumentException(
            path + ": unknown field \"" + k + "\"; expected fields " + fieldNames(s));
      }
    }
    for (Schema.Field f : s.getFields()) {
      write(f.schema(), m.get(f.name()), path + "." + f.name());
    }
  }

  static List<String> fieldNames(Schema s) {
    return s.getFields().stream().map(Schema.Field::name).toList();
  }
}
