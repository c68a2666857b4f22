package dev.farcall.model.codec;

import org.apache.avro.Schema;

/**
 * Converts between "plain" values (what a JSON parser yields: {@code Map<String,Object>}, {@code
 * List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}) and Avro binary for a
 * schema derived by {@link ArgumentCodec}, without loading or running any program class. The
 * coordinator uses it to turn REST JSON arguments into an argument payload and a result payload
 * back into JSON.
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
    throw new UnsupportedOperationException("codec under construction");
  }

  /**
   * Decodes a record payload into plain values, one per field in order.
   *
   * @throws PayloadException if the payload is malformed
   */
  public static java.util.List<Object> decodeRecord(Schema schema, byte[] payload) {
    throw new UnsupportedOperationException("codec under construction");
  }
}
