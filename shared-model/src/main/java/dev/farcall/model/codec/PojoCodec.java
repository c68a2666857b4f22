package dev.farcall.model.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * A plain class: its instance fields (superclass fields first), created with its no-arg constructor
 * and filled field by field. A value must be exactly the declared class: a subclass would lose its
 * own fields on the way.
 */
final class PojoCodec extends ValueCodec {

  private final Class<?> type;
  private final Constructor<?> constructor;
  private FieldSlot[] slots;

  PojoCodec(Class<?> type, Constructor<?> constructor) {
    constructor.setAccessible(true);
    this.type = type;
    this.constructor = constructor;
  }

  void setSlots(FieldSlot[] slots) {
    this.slots = slots;
  }

  @Override
  void write(Object value, AvroOut out) {
    CollectionCodec.checkClass(value, type, type.getName());
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
    Object value;
    try {
      value = constructor.newInstance();
      for (FieldSlot slot : slots) {
        slot.readInto(value, in);
      }
    } catch (InvocationTargetException e) {
      throw new PayloadException(
          "the no-arg constructor of " + type.getName() + " failed", e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    in.exit();
    return value;
  }
}
