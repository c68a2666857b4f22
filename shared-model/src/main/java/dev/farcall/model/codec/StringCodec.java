package dev.farcall.model.codec;

/** {@code String} as an Avro string. */
final class StringCodec extends ValueCodec {

  static final StringCodec INSTANCE = new StringCodec();

  @Override
  void write(Object value, AvroOut out) {
    out.writeString((String) value);
  }

  @Override
  Object read(AvroIn in) {
    return in.readString();
  }
}
