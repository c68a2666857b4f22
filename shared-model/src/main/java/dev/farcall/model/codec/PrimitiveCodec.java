package dev.farcall.model.codec;

/** A primitive or (inside a {@link NullableCodec}) its box. */
final class PrimitiveCodec extends ValueCodec {

  private final Prim prim;

  PrimitiveCodec(Prim prim) {
    this.prim = prim;
  }

  @Override
  void write(Object value, AvroOut out) {
    prim.writeBoxed(value, out);
  }

  @Override
  Object read(AvroIn in) {
    return prim.readBoxed(in);
  }
}
