package dev.farcall.model.codec;

/** A reference: the Avro union {@code ["null", T]}, branch 0 for null and 1 for a value. */
final class NullableCodec extends ValueCodec {

  private final ValueCodec inner;

  NullableCodec(ValueCodec inner) {
    this.inner = inner;
  }

  /** The codec of a present value. */
  ValueCodec inner() {
    return inner;
  }

  @Override
  void write(Object value, AvroOut out) {
    if (value == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      inner.write(value, out);
    }
  }

  @Override
  Object read(AvroIn in) {
    return in.readPresent() ? inner.read(in) : null;
  }
}
