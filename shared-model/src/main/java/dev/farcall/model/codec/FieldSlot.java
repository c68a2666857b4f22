package dev.farcall.model.codec;

import java.lang.reflect.Field;

/**
 * One field of a record or POJO, with its {@link Field} made accessible once at build time.
 * Primitive fields go through the typed getters and setters so they are not boxed.
 */
final class FieldSlot {

  private final Field field;
  private final Prim prim;
  private final ValueCodec codec;

  /** A primitive field ({@code prim} non-null) or a reference field with its nullable codec. */
  FieldSlot(Field field, Prim prim, ValueCodec codec) {
    field.setAccessible(true);
    this.field = field;
    this.prim = prim;
    this.codec = codec;
  }

  void write(Object owner, AvroOut out) throws IllegalAccessException {
    if (prim != null) {
      prim.writeField(field, owner, out);
    } else {
      codec.write(field.get(owner), out);
    }
  }

  /** The field's value, boxed, for a record's canonical constructor. */
  Object read(AvroIn in) {
    return prim != null ? prim.readBoxed(in) : codec.read(in);
  }

  /** Reads the field's value into a POJO. */
  void readInto(Object owner, AvroIn in) throws IllegalAccessException {
    if (prim != null) {
      prim.readField(field, owner, in);
    } else {
      field.set(owner, codec.read(in));
    }
  }
}
