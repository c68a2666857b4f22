package dev.farcall.model.codec;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * A plain class: its instance fields (superclass fields first), created with its no-arg constructor
 * and filled field by field. A value must be exactly the declared class: a subclass would lose its
 * own fields on the way. Each direction is one method handle over all fields (see {@link
 * FieldSlot}).
 */
final class PojoCodec extends ValueCodec {

  private final Class<?> type;
  private final String typeName;
  private final Constructor<?> constructor;

  /** {@code (Object, AvroOut)void}. */
  private MethodHandle writer;

  /** {@code (Object, AvroIn)void}. */
  private MethodHandle filler;

  PojoCodec(Class<?> type, Constructor<?> constructor) {
    constructor.setAccessible(true);
    this.type = type;
    this.typeName = type.getName();
    this.constructor = constructor;
  }

  void setSlots(FieldSlot[] slots) {
    this.writer = FieldSlot.writerOf(slots);
    this.filler = FieldSlot.fillerOf(slots);
  }

  @Override
  void write(Object value, AvroOut out) {
    CollectionCodec.checkClass(value, type, typeName);
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
      value = constructor.newInstance();
      filler.invokeExact(value, in);
    } catch (InvocationTargetException e) {
      throw new PayloadException("the no-arg constructor of " + typeName + " failed", e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    in.exit();
    return value;
  }
}
