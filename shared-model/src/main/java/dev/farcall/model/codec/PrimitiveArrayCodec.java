package dev.farcall.model.codec;

import java.lang.reflect.Array;

/** A primitive array other than {@code byte[]}: an Avro array of the primitive. */
final class PrimitiveArrayCodec extends ValueCodec {

  private final Prim prim;

  PrimitiveArrayCodec(Prim prim) {
    this.prim = prim;
  }

  @Override
  void write(Object value, AvroOut out) {
    out.writeBlockStart(Array.getLength(value));
    prim.writeArrayItems(value, out);
    out.writeBlockEnd();
  }

  @Override
  Object read(AvroIn in) {
    Object array = null;
    int size = 0;
    for (int n; (n = in.readBlockCount(prim.minBytes, size)) != 0; ) {
      array = prim.resize(array, size + n);
      prim.readArrayItems(array, size, size + n, in);
      size += n;
    }
    return array == null ? prim.resize(null, 0) : array;
  }
}
