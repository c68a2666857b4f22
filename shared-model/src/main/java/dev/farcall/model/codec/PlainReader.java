package dev.farcall.model.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads Avro binary of a derived schema into plain values: records as ordered maps, arrays as
 * lists, maps as JSON objects when keys are strings or enums (else a list of key/value objects),
 * JDK value types as their standard strings, bytes as base64 and chars as one-letter strings. Uses
 * the same fail-fast {@link AvroIn} as the method codecs, so the same limits hold.
 */
final class PlainReader {

  private final AvroIn in;

  PlainReader(AvroIn in) {
    this.in = in;
  }

  Object read(Schema s) {
    return switch (s.getType()) {
      case NULL -> null;
      case UNION -> read(s.getTypes().get(in.readIndex(s.getTypes().size(), "union")));
      case BOOLEAN -> in.readBoolean();
      case INT -> readInt(s);
      case LONG -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case STRING -> readText(s);
      case BYTES -> Base64.getEncoder().encodeToString(in.readBytes());
      case ENUM -> s.getEnumSymbols().get(in.readIndex(s.getEnumSymbols().size(), "enum"));
      case ARRAY ->
          LogicalTypes.MAP.equals(s.getProp(LogicalTypes.PROP)) ? readMap(s) : readArray(s);
      case RECORD -> readRecord(s);
      default -> throw new IllegalArgumentException("unsupported schema type " + s.getType());
    };
  }

  private Object readInt(Schema s) {
    String tag = s.getProp(LogicalTypes.PROP);
    int v = in.readInt();
    if (tag == null) {
      return v;
    }
    boolean ok =
        switch (tag) {
          case "char" -> v >= Character.MIN_VALUE && v <= Character.MAX_VALUE;
          case "byte" -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
          case "short" -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
          default -> true;
        };
    if (!ok) {
      throw new PayloadException(tag + " value " + v + " out of range");
    }
    return "char".equals(tag) ? String.valueOf((char) v) : v;
  }

  private Object readText(Schema s) {
    String text = in.readString();
    LogicalTypes.Logical logical = LogicalTypes.forName(s.getProp(LogicalTypes.PROP));
    if (logical != null) {
      logical.parseOrFail(text); // a malformed value is a bad payload, not a string to pass on
    }
    return text;
  }

  /** Smallest encoding of one item, so a count can be checked against the bytes left. */
  private static int minBytes(Schema s) {
    return switch (s.getType()) {
      case NULL, RECORD -> 0;
      case FLOAT -> 4;
      case DOUBLE -> 8;
      case FIXED -> s.getFixedSize();
      default -> 1;
    };
  }

  private List<Object> readArray(Schema s) {
    in.enter();
    Schema item = s.getElementType();
    List<Object> list = new ArrayList<>();
    for (int n; (n = in.readBlockCount(minBytes(item), list.size())) != 0; ) {
      for (int i = 0; i < n; i++) {
        list.add(read(item));
      }
    }
    in.exit();
    return list;
  }

  private Object readMap(Schema s) {
    in.enter();
    Schema entry = s.getElementType();
    Schema keySchema = entry.getField("key").schema();
    Schema valueSchema = entry.getField("value").schema();
    List<Object[]> pairs = new ArrayList<>();
    boolean stringKeys = true;
    for (int n; (n = in.readBlockCount(2, pairs.size())) != 0; ) {
      for (int i = 0; i < n; i++) {
        Object k = read(keySchema);
        Object v = read(valueSchema);
        stringKeys &= k instanceof String && !isTaggedInt(keySchema);
        pairs.add(new Object[] {k, v});
      }
    }
    in.exit();
    if (stringKeys) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Object[] p : pairs) {
        object.put((String) p[0], p[1]);
      }
      if (object.size() == pairs.size()) {
        return object;
      }
    }
    List<Object> list = new ArrayList<>(pairs.size());
    for (Object[] p : pairs) {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("key", p[0]);
      pair.put("value", p[1]);
      list.add(pair);
    }
    return list;
  }

  /** Chars read as strings, but keys of a char-keyed map are still shown as pairs. */
  private static boolean isTaggedInt(Schema s) {
    Schema t = s;
    if (t.getType() == Schema.Type.UNION) {
      t = t.getTypes().get(t.getTypes().size() - 1);
    }
    return t.getType() == Schema.Type.INT;
  }

  private Map<String, Object> readRecord(Schema s) {
    in.enter();
    Map<String, Object> record = new LinkedHashMap<>();
    for (Schema.Field f : s.getFields()) {
      record.put(f.name(), read(f.schema()));
    }
    in.exit();
    return record;
  }
}
