package dev.farcall.model.codec;

import java.lang.reflect.Executable;
import org.apache.avro.Schema;

/**
 * Encodes and decodes the arguments and the result of one method as Avro binary. The argument
 * record has one field per parameter in declaration order (preceded by the receiver for an instance
 * method); references are nullable. The result record has a single field {@code value} (absent for
 * {@code void}). Instances are immutable and thread-safe.
 */
public interface MethodCodec {

  /** The method (or a remote object's constructor) this codec serves. */
  Executable method();

  /** Schema of the argument record. */
  Schema argumentSchema();

  /** Schema of the result record. */
  Schema resultSchema();

  /** Avro parsing fingerprint (CRC-64-AVRO) of {@link #argumentSchema()}. */
  long argumentFingerprint();

  /**
   * Encodes the arguments (receiver first for an instance method).
   *
   * @throws NotTransferableException if a value cannot be transferred (for example a cyclic graph)
   */
  byte[] encodeArguments(Object[] arguments);

  /**
   * Decodes arguments encoded by a codec of the same method.
   *
   * @param fingerprint the fingerprint the sender carried; a mismatch fails
   * @throws PayloadException if the payload is malformed, truncated or over a limit
   */
  Object[] decodeArguments(byte[] payload, long fingerprint);

  /** Encodes a result value ({@code null} for void). */
  byte[] encodeResult(Object value);

  /**
   * Encodes a result value, stopping as soon as the encoding passes {@code maxBytes}.
   *
   * @throws PayloadTooLargeException if the encoded result would be larger than {@code maxBytes}
   */
  byte[] encodeResult(Object value, int maxBytes);

  /**
   * Decodes a result.
   *
   * @throws PayloadException if the payload is malformed, truncated or over a limit
   */
  Object decodeResult(byte[] payload);
}
