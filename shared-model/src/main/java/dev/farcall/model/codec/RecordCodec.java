package dev.farcall.model.codec;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;

/**
 * A Java record: its components in declaration order, decoded through the canonical constructor (so
 * compact-constructor validation runs on the receiving side too). Each direction is one method
 * handle over all components (see {@link FieldSlot}). The handles are set after construction
 * because a recursive record refers to its own codec.
 */
final class RecordCodec extends ValueCodec {

  private final Class<?> type;
  private final String typeName;
  private final Constructor<?> constructor;

  /** {@code (Object, AvroOut)void}. */
  private MethodHandle writer;

  /** {@code (AvroIn)Object}. */
  private MethodHandle reader;

  RecordCodec(Class<?> type, Constructor<?> constructor) {
    constructor.setAccessible(true);
    this.type = type;
    this.typeName = type.getName();
    this.constructor = constructor;
  }

  void setSlots(FieldSlot[] slots) {
    this.writer = FieldSlot.writerOf(slots);
    this.reader = FieldSlot.recordReaderOf(type, constructor, slots);
  }

  @Override
  void write(Object value, AvroOut out) {
    if (value.getClass() != type) {
      throw new ClassCastException(value.getClass().getName() + " is not " + typeName);
    }
    out.push(value, typeName);
    try {
      writer.invokeExact(value, out);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    out.pop();
  }

  @Override
  Object read(AvroIn in) {
    in.enter();
    Object value;
    try {
      value = (Object) reader.invokeExact(in);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    in.exit();
    return value;
  }
}
