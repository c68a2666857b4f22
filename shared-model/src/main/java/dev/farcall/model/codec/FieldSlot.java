package dev.farcall.model.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One field of a record or POJO. A record component is read through a functional interface over its
 * accessor ({@link RecordGetters}); a POJO field through a getter and setter method handle made
 * once at build time and adapted to a fixed shape per primitive kind ({@code (Object)int} and so
 * on). Either way primitives are not boxed and there is no per-call access check: {@link Field#get}
 * spent most of its time re-checking the owner's class.
 */
final class FieldSlot {

  private final Prim prim;
  private final ValueCodec codec;
  private final MethodHandle getter;
  private final MethodHandle setter;

  /** For a record component: a functional interface over its accessor (see RecordGetters). */
  private final Object function;

  /**
   * A primitive field ({@code prim} non-null) or a reference field with its nullable codec.
   *
   * @param settable whether decoding writes the field (POJOs) or passes it to a constructor
   */
  FieldSlot(Field field, Prim prim, ValueCodec codec, boolean settable) {
    this(field, prim, codec, settable, null);
  }

  /** A record component, read through its accessor. */
  FieldSlot(Field field, Prim prim, ValueCodec codec, RecordComponent component) {
    this(field, prim, codec, false, RecordGetters.getter(component, prim));
  }

  private FieldSlot(Field field, Prim prim, ValueCodec codec, boolean settable, Object function) {
    field.setAccessible(true);
    this.prim = prim;
    this.codec = codec;
    this.function = function;
    Class<?> shape = prim == null ? Object.class : prim.handleType();
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      this.getter =
          MethodHandles.explicitCastArguments(
              lookup.unreflectGetter(field), MethodType.methodType(shape, Object.class));
      this.setter =
          settable
              ? MethodHandles.explicitCastArguments(
                  lookup.unreflectSetter(field),
                  MethodType.methodType(void.class, Object.class, shape))
              : null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot access " + field, e);
    }
  }

  @SuppressWarnings("unchecked")
  void write(Object owner, AvroOut out) throws Throwable {
    if (function != null) {
      if (prim == null) {
        codec.write(((Function<Object, Object>) function).apply(owner), out);
        return;
      }
      switch (prim) {
        case BOOLEAN -> out.writeBoolean(((Predicate<Object>) function).test(owner));
        case BYTE, SHORT, CHAR, INT ->
            out.writeInt(((ToIntFunction<Object>) function).applyAsInt(owner));
        case LONG -> out.writeLong(((ToLongFunction<Object>) function).applyAsLong(owner));
        case FLOAT -> out.writeFloat((Float) ((Function<Object, Object>) function).apply(owner));
        case DOUBLE -> out.writeDouble(((ToDoubleFunction<Object>) function).applyAsDouble(owner));
      }
      return;
    }
    if (prim == null) {
      codec.write((Object) getter.invokeExact(owner), out);
      return;
    }
    switch (prim) {
      case BOOLEAN -> out.writeBoolean((boolean) getter.invokeExact(owner));
      case BYTE, SHORT, CHAR, INT -> out.writeInt((int) getter.invokeExact(owner));
      case LONG -> out.writeLong((long) getter.invokeExact(owner));
      case FLOAT -> out.writeFloat((float) getter.invokeExact(owner));
      case DOUBLE -> out.writeDouble((double) getter.invokeExact(owner));
    }
  }

  /** The field's value, boxed, for a record's canonical constructor. */
  Object read(AvroIn in) {
    return prim != null ? prim.readBoxed(in) : codec.read(in);
  }

  /** Reads the field's value into a POJO. */
  void readInto(Object owner, AvroIn in) throws Throwable {
    if (prim == null) {
      setter.invokeExact(owner, codec.read(in));
      return;
    }
    switch (prim) {
      case BOOLEAN -> setter.invokeExact(owner, in.readBoolean());
      case BYTE, SHORT, CHAR, INT -> setter.invokeExact(owner, prim.readRangedInt(in));
      case LONG -> setter.invokeExact(owner, in.readLong());
      case FLOAT -> setter.invokeExact(owner, in.readFloat());
      case DOUBLE -> setter.invokeExact(owner, in.readDouble());
    }
  }
}
