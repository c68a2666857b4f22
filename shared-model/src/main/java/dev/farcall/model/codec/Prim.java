package dev.farcall.model.codec;

import java.util.Arrays;
import org.apache.avro.Schema;

/**
 * The Java primitive types and how each maps onto an Avro primitive. {@code byte}, {@code short}
 * and {@code char} travel as Avro {@code int} tagged with {@link LogicalTypes#PROP} so plain-value
 * conversion can check their range (and show a char as a one-letter string); decoding checks the
 * range too. Field access is in {@link FieldSlot}.
 */
enum Prim {
  BOOLEAN(boolean.class, Boolean.class, Schema.Type.BOOLEAN, null, 1),
  BYTE(byte.class, Byte.class, Schema.Type.INT, "byte", 1),
  SHORT(short.class, Short.class, Schema.Type.INT, "short", 1),
  CHAR(char.class, Character.class, Schema.Type.INT, "char", 1),
  INT(int.class, Integer.class, Schema.Type.INT, null, 1),
  LONG(long.class, Long.class, Schema.Type.LONG, null, 1),
  FLOAT(float.class, Float.class, Schema.Type.FLOAT, null, 4),
  DOUBLE(double.class, Double.class, Schema.Type.DOUBLE, null, 8);

  final Class<?> type;
  final Class<?> box;
  final Schema.Type avroType;
  final String tag;
  final int minBytes;

  Prim(Class<?> type, Class<?> box, Schema.Type avroType, String tag, int minBytes) {
    this.type = type;
    this.box = box;
    this.avroType = avroType;
    this.tag = tag;
    this.minBytes = minBytes;
  }

  static Prim ofType(Class<?> c) {
    for (Prim p : values()) {
      if (p.type == c) {
        return p;
      }
    }
    return null;
  }

  static Prim ofBox(Class<?> c) {
    for (Prim p : values()) {
      if (p.box == c) {
        return p;
      }
    }
    return null;
  }

  Schema schema() {
    Schema s = Schema.create(avroType);
    if (tag != null) {
      s.addProp(LogicalTypes.PROP, tag);
    }
    return s;
  }

  private int readRanged(AvroIn in, int min, int max) {
    int v = in.readInt();
    if (v < min || v > max) {
      throw new PayloadException(name().toLowerCase() + " value " + v + " out of range");
    }
    return v;
  }

  void writeBoxed(Object v, AvroOut out) {
    switch (this) {
      case BOOLEAN -> out.writeBoolean((Boolean) v);
      case BYTE -> out.writeInt((Byte) v);
      case SHORT -> out.writeInt((Short) v);
      case CHAR -> out.writeInt((Character) v);
      case INT -> out.writeInt((Integer) v);
      case LONG -> out.writeLong((Long) v);
      case FLOAT -> out.writeFloat((Float) v);
      case DOUBLE -> out.writeDouble((Double) v);
    }
  }

  Object readBoxed(AvroIn in) {
    return switch (this) {
      case BOOLEAN -> in.readBoolean();
      case BYTE -> (byte) readRanged(in, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT -> (short) readRanged(in, Short.MIN_VALUE, Short.MAX_VALUE);
      case CHAR -> (char) readRanged(in, Character.MIN_VALUE, Character.MAX_VALUE);
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
    };
  }

  /** The type a field handle of this kind is adapted to: the int-like kinds share {@code int}. */
  Class<?> handleType() {
    return switch (this) {
      case BYTE, SHORT, CHAR, INT -> int.class;
      default -> type;
    };
  }

  /** Reads an int-like kind, checked against its range. */
  int readRangedInt(AvroIn in) {
    return switch (this) {
      case BYTE -> readRanged(in, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT -> readRanged(in, Short.MIN_VALUE, Short.MAX_VALUE);
      case CHAR -> readRanged(in, Character.MIN_VALUE, Character.MAX_VALUE);
      default -> in.readInt();
    };
  }

  /** Writes a whole primitive array's items (the block framing is the caller's). */
  void writeArrayItems(Object array, AvroOut out) {
    switch (this) {
      case BOOLEAN -> {
        for (boolean v : (boolean[]) array) out.writeBoolean(v);
      }
      case BYTE -> {
        for (byte v : (byte[]) array) out.writeInt(v);
      }
      case SHORT -> {
        for (short v : (short[]) array) out.writeInt(v);
      }
      case CHAR -> {
        for (char v : (char[]) array) out.writeInt(v);
      }
      case INT -> {
        for (int v : (int[]) array) out.writeInt(v);
      }
      case LONG -> {
        for (long v : (long[]) array) out.writeLong(v);
      }
      case FLOAT -> {
        for (float v : (float[]) array) out.writeFloat(v);
      }
      case DOUBLE -> {
        for (double v : (double[]) array) out.writeDouble(v);
      }
    }
  }

  /** A copy of {@code array} (or a new array when null) resized to {@code length}. */
  Object resize(Object array, int length) {
    return switch (this) {
      case BOOLEAN ->
          array == null ? new boolean[length] : Arrays.copyOf((boolean[]) array, length);
      case BYTE -> array == null ? new byte[length] : Arrays.copyOf((byte[]) array, length);
      case SHORT -> array == null ? new short[length] : Arrays.copyOf((short[]) array, length);
      case CHAR -> array == null ? new char[length] : Arrays.copyOf((char[]) array, length);
      case INT -> array == null ? new int[length] : Arrays.copyOf((int[]) array, length);
      case LONG -> array == null ? new long[length] : Arrays.copyOf((long[]) array, length);
      case FLOAT -> array == null ? new float[length] : Arrays.copyOf((float[]) array, length);
      case DOUBLE -> array == null ? new double[length] : Arrays.copyOf((double[]) array, length);
    };
  }

  /** Reads items {@code [from, to)} of a primitive array. */
  void readArrayItems(Object array, int from, int to, AvroIn in) {
    switch (this) {
      case BOOLEAN -> {
        boolean[] a = (boolean[]) array;
        for (int i = from; i < to; i++) a[i] = in.readBoolean();
      }
      case BYTE, SHORT, CHAR -> {
        for (int i = from; i < to; i++) java.lang.reflect.Array.set(array, i, readBoxed(in));
      }
      case INT -> {
        int[] a = (int[]) array;
        for (int i = from; i < to; i++) a[i] = in.readInt();
      }
      case LONG -> {
        long[] a = (long[]) array;
        for (int i = from; i < to; i++) a[i] = in.readLong();
      }
      case FLOAT -> {
        float[] a = (float[]) array;
        for (int i = from; i < to; i++) a[i] = in.readFloat();
      }
      case DOUBLE -> {
        double[] a = (double[]) array;
        for (int i = from; i < to; i++) a[i] = in.readDouble();
      }
    }
  }
}
