package dev.farcall.model.codec;

/** {@code byte[]} as Avro bytes rather than an array of ints: one byte per byte on the wire. */
final class BytesCodec extends ValueCodec {

  static final BytesCodec INSTANCE = new BytesCodec();

  @Override
  void write(Object value, AvroOut out) {
    out.writeBytes((byte[]) value);
  }

  @Override
  Object read(AvroIn in) {
    return in.readBytes();
  }
}
