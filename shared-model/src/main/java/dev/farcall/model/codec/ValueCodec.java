package dev.farcall.model.codec;

/**
 * One node of a method's codec tree: writes and reads one Java type as Avro binary for the schema
 * derived for that type. Trees are built once per method by {@link TypeMapper}, so the hot path
 * makes no type decisions and uses no Avro reflection.
 */
abstract class ValueCodec {

  /** Writes a value (never {@code null} unless this node is nullable). */
  abstract void write(Object value, AvroOut out);

  /** Reads a value written by {@link #write}. */
  abstract Object read(AvroIn in);
}
