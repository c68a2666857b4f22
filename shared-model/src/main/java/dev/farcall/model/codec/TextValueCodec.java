package dev.farcall.model.codec;

/**
 * A JDK value type (UUID, BigDecimal, java.time...) carried as its standard string form, as defined
 * once in {@link LogicalTypes}.
 */
final class TextValueCodec extends ValueCodec {

  private final LogicalTypes.Logical logical;

  TextValueCodec(LogicalTypes.Logical logical) {
    this.logical = logical;
  }

  @Override
  void write(Object value, AvroOut out) {
    out.writeString(logical.format(value));
  }

  @Override
  Object read(AvroIn in) {
    return logical.parseOrFail(in.readString());
  }
}
