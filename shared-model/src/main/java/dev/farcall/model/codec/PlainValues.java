package dev.farcall.model.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Converts between "plain" values (what a JSON parser yields: {@code Map<String,Object>}, {@code
 * List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}) and Avro binary for a
 * schema derived by {@link ArgumentCodec}, without loading or running any program class. The
 * coordinator uses it to turn REST JSON arguments into an argument payload and a result payload
 * back into JSON.
 *
 * <p>Representation: records are maps keyed by field name; arrays, lists and sets are lists; enums
 * are their symbol; {@code byte[]} is a base64 string; {@code char} is a one-letter string; {@code
 * UUID}, {@code BigDecimal}, {@code BigInteger} and {@code java.time} values are their standard
 * strings ("2026-11-25", "12.50"; numbers are also accepted for BigDecimal/BigInteger); maps are
 * JSON objects when keys are strings or enums, otherwise lists of {@code {"key": ..., "value":
 * ...}} (both forms are accepted when encoding). The meaning of each Avro primitive is read from
 * the {@code farcall.type} schema properties that {@link ArgumentCodec} adds.
 *
 * <p>Decoding does not use Avro's readers (whose length limits are process-wide system properties
 * read once): it shares the bounds-checked reader of the method codecs, so a hostile length prefix
 * fails with {@link PayloadException} before anything is allocated.
 */
public final class PlainValues {

  private PlainValues() {}

  /**
   * Encodes plain values as the record of {@code schema}, one value per field in order.
   *
   * @throws IllegalArgumentException naming the field and what was expected when a value does not
   *     fit the schema
   */
  public static byte[] encodeRecord(Schema schema, java.util.List<?> fieldValues) {
    List<Schema.Field> fields = requireRecord(schema).getFields();
    if (fieldValues.size() != fields.size()) {
      throw new IllegalArgumentException(
          "expected "
              + fields.size()
              + " values "
              + PlainWriter.fieldNames(schema)
              + ", got "
              + fieldValues.size());
    }
    AvroOut out = AvroOut.acquire(DecodeLimits.DEFAULTS.maxDepth());
    try {
      PlainWriter writer = new PlainWriter(out);
      for (int i = 0; i < fields.size(); i++) {
        writer.write(fields.get(i).schema(), fieldValues.get(i), fields.get(i).name());
      }
      return out.toByteArray();
    } finally {
      out.release();
    }
  }

  /**
   * Encodes a record given as a map from field name to plain value (missing fields are null).
   *
   * @throws IllegalArgumentException naming the field and what was expected when a value does not
   *     fit the schema, or for an unknown field name
   */
  public static byte[] encodeRecord(Schema schema, Map<String, ?> fieldValues) {
    for (String name : fieldValues.keySet()) {
      if (requireRecord(schema).getField(name) == null) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\"; expected " + PlainWriter.fieldNames(schema));
      }
    }
    List<Object> values = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      values.add(fieldValues.get(f.name()));
    }
    return encodeRecord(schema, values);
  }

  /**
   * Decodes a record payload into plain values, one per field in order.
   *
   * @throws PayloadException if the payload is malformed
   */
  public static java.util.List<Object> decodeRecord(Schema schema, byte[] payload) {
    return decodeRecord(schema, payload, DecodeLimits.DEFAULTS);
  }

  /**
   * Decodes a record payload into plain values, one per field in order, under explicit limits.
   *
   * @throws PayloadException if the payload is malformed, truncated or over a limit
   */
  public static List<Object> decodeRecord(Schema schema, byte[] payload, DecodeLimits limits) {
    List<Schema.Field> fields = requireRecord(schema).getFields();
    AvroIn in = new AvroIn(payload, limits);
    PlainReader reader = new PlainReader(in);
    List<Object> values = new ArrayList<>(fields.size());
    for (Schema.Field f : fields) {
      values.add(reader.read(f.schema()));
    }
    in.requireEnd();
    return values;
  }

  private static Schema requireRecord(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("expected a record schema, got " + schema.getType());
    }
    return schema;
  }
}
