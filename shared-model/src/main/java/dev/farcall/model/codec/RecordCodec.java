package dev.farcall.model.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * A Java record: its components in declaration order, decoded through the canonical constructor (so
 * compact-constructor validation runs on the receiving side too). The slots are set after
 * construction because a recursive record refers to its own codec.
 */
final class RecordCodec extends ValueCodec {

  private final Class<?> type;
  private final Constructor<?> constructor;
  private FieldSlot[] slots;

  RecordCodec(Class<?> type, Constructor<?> constructor) {
    constructor.setAccessible(true);
    this.type = type;
    this.constructor = constructor;
  }

  void setSlots(FieldSlot[] slots) {
    this.slots = slots;
  }

  @Override
  void write(Object value, AvroOut out) {
    if (value.getClass() != type) {
      throw new ClassCastException(value.getClass().getName() + " is not " + type.getName());
    }
    out.push(value, type.getName());
    try {
      for (FieldSlot slot : slots) {
        slot.write(value, out);
      }
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
    Object[] args = new Object[slots.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = slots[i].read(in);
    }
    in.exit();
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new PayloadException(
          "the constructor of " + type.getName() + " rejected the decoded values", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
