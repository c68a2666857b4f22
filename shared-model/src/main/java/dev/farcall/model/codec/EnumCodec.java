package dev.farcall.model.codec;

import java.util.List;

/**
 * An enum as an Avro enum whose symbols are the constant names in ordinal order. The symbols are
 * read from the class's fields so that building the schema does not initialise the enum; the
 * constants are fetched (and checked against the symbols) on first use.
 */
final class EnumCodec extends ValueCodec {

  private final Class<?> type;
  private final List<String> symbols;
  private final String label;
  private volatile Enum<?>[] constants;

  EnumCodec(Class<?> type, List<String> symbols) {
    this.type = type;
    this.symbols = symbols;
    this.label = "enum " + type.getName();
  }

  private Enum<?>[] constants() {
    Enum<?>[] c = constants;
    if (c == null) {
      c = (Enum<?>[]) type.getEnumConstants();
      for (int i = 0; i < c.length; i++) {
        if (i >= symbols.size() || !c[i].name().equals(symbols.get(i))) {
          throw new IllegalStateException("enum " + type.getName() + " does not match its schema");
        }
      }
      constants = c;
    }
    return c;
  }

  @Override
  void write(Object value, AvroOut out) {
    Enum<?> e = (Enum<?>) value;
    if (e.getDeclaringClass() != type) {
      throw new ClassCastException(e.getDeclaringClass().getName() + " is not " + type.getName());
    }
    out.writeInt(e.ordinal());
  }

  @Override
  Object read(AvroIn in) {
    return constants()[in.readIndex(symbols.size(), label)];
  }
}
