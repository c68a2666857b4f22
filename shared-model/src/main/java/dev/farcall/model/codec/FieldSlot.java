package dev.farcall.model.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * One field of a record or POJO, and the method handles that write, read and set it. {@link
 * RecordCodec} and {@link PojoCodec} combine their fields' handles into one handle per class
 * ({@link #writerOf}, {@link #recordReaderOf}, {@link #fillerOf}), so a record is written and read
 * by one handle invocation instead of one megamorphic call per field. The JVM customises a handle
 * that is invoked often: its bound codecs and accessors become constants, and the whole class's
 * field loop compiles into straight-line code with the accessors, varint writers and nested enum
 * and string codecs inlined. This per-field dispatch (an interface call to a getter, a virtual call
 * to the field's codec, boxing for the canonical constructor) was most of the cost of encoding and
 * decoding records of small fields.
 *
 * <p>A record component is read through its accessor, a POJO field directly; both were made
 * accessible once at build time, so there is no per-call access check. Handles work the same for a
 * program's classes in their own loader, where LambdaMetafactory refuses to spin getters.
 */
final class FieldSlot {

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private final Prim prim;
  private final ValueCodec codec;
  private final Class<?> type;

  /** Reads the field: {@code (Object)int} for the int-like kinds, {@code (Object)Object} etc. */
  private final MethodHandle getter;

  /** Writes the field of a POJO: {@code (Object, shape)void}; null for records. */
  private final MethodHandle setter;

  /**
   * A POJO field, primitive ({@code prim} non-null) or a reference with its nullable codec.
   *
   * @param settable whether decoding writes the field (POJOs) or passes it to a constructor
   */
  FieldSlot(Field field, Prim prim, ValueCodec codec, boolean settable) {
    field.setAccessible(true);
    this.prim = prim;
    this.codec = codec;
    this.type = field.getType();
    try {
      this.getter =
          shaped(LOOKUP.unreflectGetter(field), MethodType.methodType(shape(), Object.class));
      this.setter =
          settable
              ? shaped(
                  LOOKUP.unreflectSetter(field),
                  MethodType.methodType(void.class, Object.class, shape()))
              : null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot access " + field, e);
    }
  }

  /** A record component, read through its accessor. */
  FieldSlot(Prim prim, ValueCodec codec, RecordComponent component) {
    this.prim = prim;
    this.codec = codec;
    this.type = component.getType();
    Method accessor = component.getAccessor();
    try {
      accessor.setAccessible(true);
      this.getter =
          shaped(LOOKUP.unreflect(accessor), MethodType.methodType(shape(), Object.class));
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException("cannot access record component " + component, e);
    }
    this.setter = null;
  }

  /** The type a field handle is adapted to: the int-like kinds share {@code int}. */
  private Class<?> shape() {
    return prim == null ? Object.class : prim.handleType();
  }

  private static MethodHandle shaped(MethodHandle h, MethodType type) {
    // explicitCast: Object → the owner class, and byte/short/char → int, both always valid here.
    return MethodHandles.explicitCastArguments(h, type);
  }

  /** {@code (Object owner, AvroOut)void}: writes this field of {@code owner}. */
  private MethodHandle writer() {
    return MethodHandles.filterArguments(valueWriter(), 0, getter);
  }

  /** {@code (shape, AvroOut)void}. */
  private MethodHandle valueWriter() {
    if (prim != null) {
      return switch (prim) {
        case BOOLEAN -> Steps.WRITE_BOOLEAN;
        case BYTE, SHORT, CHAR, INT -> Steps.WRITE_INT;
        case LONG -> Steps.WRITE_LONG;
        case FLOAT -> Steps.WRITE_FLOAT;
        case DOUBLE -> Steps.WRITE_DOUBLE;
      };
    }
    if (codec instanceof NullableCodec n) {
      return n.inner() == StringCodec.INSTANCE
          ? Steps.WRITE_NULLABLE_STRING
          : MethodHandles.insertArguments(Steps.WRITE_NULLABLE, 0, n.inner());
    }
    return MethodHandles.insertArguments(Steps.WRITE_WITH, 0, codec);
  }

  /** {@code (AvroIn)shape}: reads this field's value, range-checked for the int-like kinds. */
  private MethodHandle valueReader() {
    if (prim != null) {
      return switch (prim) {
        case BOOLEAN -> Steps.READ_BOOLEAN;
        case BYTE, SHORT, CHAR -> MethodHandles.insertArguments(Steps.READ_RANGED, 0, prim);
        case INT -> Steps.READ_INT;
        case LONG -> Steps.READ_LONG;
        case FLOAT -> Steps.READ_FLOAT;
        case DOUBLE -> Steps.READ_DOUBLE;
      };
    }
    if (codec instanceof NullableCodec n) {
      return n.inner() == StringCodec.INSTANCE
          ? Steps.READ_NULLABLE_STRING
          : MethodHandles.insertArguments(Steps.READ_NULLABLE, 0, n.inner());
    }
    return MethodHandles.insertArguments(Steps.READ_WITH, 0, codec);
  }

  /** {@code (Object owner, AvroOut)void}: writes all fields in order. */
  static MethodHandle writerOf(FieldSlot[] slots) {
    MethodHandle h =
        MethodHandles.empty(MethodType.methodType(void.class, Object.class, AvroOut.class));
    for (int i = slots.length - 1; i >= 0; i--) {
      h = MethodHandles.foldArguments(h, slots[i].writer());
    }
    return h;
  }

  /** {@code (Object owner, AvroIn)void}: reads all fields in order into a POJO. */
  static MethodHandle fillerOf(FieldSlot[] slots) {
    MethodHandle h =
        MethodHandles.empty(MethodType.methodType(void.class, Object.class, AvroIn.class));
    for (int i = slots.length - 1; i >= 0; i--) {
      MethodHandle fill = MethodHandles.filterArguments(slots[i].setter, 1, slots[i].valueReader());
      h = MethodHandles.foldArguments(h, fill);
    }
    return h;
  }

  /**
   * {@code (AvroIn)Object}: reads all components in order and passes them to the canonical
   * constructor; an exception from the constructor becomes a {@link PayloadException} (the sender's
   * values broke the receiving class's invariants).
   */
  static MethodHandle recordReaderOf(
      Class<?> record, Constructor<?> constructor, FieldSlot[] slots) {
    if (parameterSlots(constructor) > MAX_FOLDED_SLOTS) {
      return wideRecordReader(record, constructor, slots);
    }
    MethodHandle create;
    try {
      create = LOOKUP.unreflectConstructor(constructor);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot access " + constructor, e);
    }
    create = create.asType(create.type().changeReturnType(Object.class));
    MethodHandle rejected =
        MethodHandles.dropArguments(
            MethodHandles.insertArguments(Steps.REJECTED, 0, record),
            1,
            create.type().parameterList());
    create = MethodHandles.catchException(create, Throwable.class, rejected);
    MethodHandle h = MethodHandles.dropArguments(create, slots.length, AvroIn.class);
    for (int i = slots.length - 1; i >= 0; i--) {
      MethodHandle read =
          MethodHandles.explicitCastArguments(
              slots[i].valueReader(), MethodType.methodType(slots[i].type, AvroIn.class));
      h = MethodHandles.foldArguments(h, i, read);
    }
    return h;
  }

  /**
   * A method handle type takes at most 254 parameter slots (longs and doubles take two), and the
   * folded reader needs one more than the constructor; a record this wide is read reflectively.
   */
  private static final int MAX_FOLDED_SLOTS = 200;

  private static int parameterSlots(Constructor<?> constructor) {
    int n = 0;
    for (Class<?> p : constructor.getParameterTypes()) {
      n += p == long.class || p == double.class ? 2 : 1;
    }
    return n;
  }

  /** {@code (AvroIn)Object} for a record too wide to fold: boxed values, reflective constructor. */
  private static MethodHandle wideRecordReader(
      Class<?> record, Constructor<?> constructor, FieldSlot[] slots) {
    MethodHandle[] readers = new MethodHandle[slots.length];
    for (int i = 0; i < slots.length; i++) {
      // The constructor unboxes and narrows: byte/short/char values are read as range-checked ints.
      MethodHandle read = slots[i].valueReader();
      Class<?> boxed = slots[i].prim == null ? Object.class : slots[i].prim.box;
      readers[i] =
          MethodHandles.explicitCastArguments(
                  read, MethodType.methodType(slots[i].type, AvroIn.class))
              .asType(MethodType.methodType(boxed, AvroIn.class))
              .asType(MethodType.methodType(Object.class, AvroIn.class));
    }
    return MethodHandles.insertArguments(Steps.READ_WIDE, 0, record, constructor, readers);
  }

  /** The small static steps the handles are made of. */
  static final class Steps {

    private Steps() {}

    static final MethodHandle WRITE_BOOLEAN =
        step("writeBoolean", void.class, boolean.class, AvroOut.class);
    static final MethodHandle WRITE_INT = step("writeInt", void.class, int.class, AvroOut.class);
    static final MethodHandle WRITE_LONG = step("writeLong", void.class, long.class, AvroOut.class);
    static final MethodHandle WRITE_FLOAT =
        step("writeFloat", void.class, float.class, AvroOut.class);
    static final MethodHandle WRITE_DOUBLE =
        step("writeDouble", void.class, double.class, AvroOut.class);
    static final MethodHandle WRITE_NULLABLE_STRING =
        step("writeNullableString", void.class, Object.class, AvroOut.class);
    static final MethodHandle WRITE_NULLABLE =
        step("writeNullable", void.class, ValueCodec.class, Object.class, AvroOut.class);
    static final MethodHandle WRITE_WITH =
        step("writeWith", void.class, ValueCodec.class, Object.class, AvroOut.class);
    static final MethodHandle READ_BOOLEAN = step("readBoolean", boolean.class, AvroIn.class);
    static final MethodHandle READ_RANGED = step("readRanged", int.class, Prim.class, AvroIn.class);
    static final MethodHandle READ_INT = step("readInt", int.class, AvroIn.class);
    static final MethodHandle READ_LONG = step("readLong", long.class, AvroIn.class);
    static final MethodHandle READ_FLOAT = step("readFloat", float.class, AvroIn.class);
    static final MethodHandle READ_DOUBLE = step("readDouble", double.class, AvroIn.class);
    static final MethodHandle READ_NULLABLE_STRING =
        step("readNullableString", Object.class, AvroIn.class);
    static final MethodHandle READ_NULLABLE =
        step("readNullable", Object.class, ValueCodec.class, AvroIn.class);
    static final MethodHandle READ_WITH =
        step("readWith", Object.class, ValueCodec.class, AvroIn.class);
    static final MethodHandle READ_WIDE =
        step(
            "readWide",
            Object.class,
            Class.class,
            Constructor.class,
            MethodHandle[].class,
            AvroIn.class);
    static final MethodHandle REJECTED =
        step("rejected", Object.class, Class.class, Throwable.class);

    private static MethodHandle step(String name, Class<?> returns, Class<?>... parameters) {
      try {
        return LOOKUP.findStatic(Steps.class, name, MethodType.methodType(returns, parameters));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    static void writeBoolean(boolean v, AvroOut out) {
      out.writeBoolean(v);
    }

    static void writeInt(int v, AvroOut out) {
      out.writeInt(v);
    }

    static void writeLong(long v, AvroOut out) {
      out.writeLong(v);
    }

    static void writeFloat(float v, AvroOut out) {
      out.writeFloat(v);
    }

    static void writeDouble(double v, AvroOut out) {
      out.writeDouble(v);
    }

    static void writeNullableString(Object v, AvroOut out) {
      if (v == null) {
        out.writeInt(0);
      } else {
        String s = (String) v;
        out.writeInt(1);
        out.writeString(s);
      }
    }

    static void writeNullable(ValueCodec inner, Object v, AvroOut out) {
      if (v == null) {
        out.writeInt(0);
      } else {
        out.writeInt(1);
        inner.write(v, out);
      }
    }

    static void writeWith(ValueCodec codec, Object v, AvroOut out) {
      codec.write(v, out);
    }

    static boolean readBoolean(AvroIn in) {
      return in.readBoolean();
    }

    static int readRanged(Prim prim, AvroIn in) {
      return prim.readRangedInt(in);
    }

    static int readInt(AvroIn in) {
      return in.readInt();
    }

    static long readLong(AvroIn in) {
      return in.readLong();
    }

    static float readFloat(AvroIn in) {
      return in.readFloat();
    }

    static double readDouble(AvroIn in) {
      return in.readDouble();
    }

    static Object readNullableString(AvroIn in) {
      return in.readPresent() ? in.readString() : null;
    }

    static Object readNullable(ValueCodec inner, AvroIn in) {
      return in.readPresent() ? inner.read(in) : null;
    }

    static Object readWith(ValueCodec codec, AvroIn in) {
      return codec.read(in);
    }

    static Object readWide(
        Class<?> record, Constructor<?> constructor, MethodHandle[] readers, AvroIn in)
        throws Throwable {
      Object[] values = new Object[readers.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (Object) readers[i].invokeExact(in);
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        return rejected(record, e.getCause());
      }
    }

    static Object rejected(Class<?> record, Throwable cause) {
      throw new PayloadException(
          "the constructor of " + record.getName() + " rejected the decoded values", cause);
    }
  }
}
