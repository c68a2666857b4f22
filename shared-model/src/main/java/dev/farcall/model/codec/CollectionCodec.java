package dev.farcall.model.codec;

import java.util.Collection;
import java.util.SortedSet;
import java.util.function.IntFunction;

/**
 * A {@code List}, {@code Set} or supported concrete collection: an Avro array of nullable items.
 * Decoding builds the declared concrete class, or a fixed default for an interface, so iteration
 * order survives for lists, linked and sorted sets.
 */
final class CollectionCodec extends ValueCodec {

  private final String typeName;
  private final Class<?> exactClass;
  private final IntFunction<Collection<Object>> factory;
  private final ValueCodec item;

  /**
   * @param exactClass the declared concrete class every value must have, or null for an interface
   * @param factory makes an empty collection for an expected number of items
   */
  CollectionCodec(
      String typeName,
      Class<?> exactClass,
      IntFunction<Collection<Object>> factory,
      ValueCodec item) {
    this.typeName = typeName;
    this.exactClass = exactClass;
    this.factory = factory;
    this.item = item;
  }

  @Override
  void write(Object value, AvroOut out) {
    Collection<?> c = (Collection<?>) value;
    checkClass(value, exactClass, typeName);
    if (c instanceof SortedSet<?> s && s.comparator() != null) {
      throw new ValueRefusedException(
          typeName, "a sorted set with a custom comparator (the comparator cannot travel)");
    }
    out.push(c, typeName);
    int size = c.size();
    out.writeBlockStart(size);
    int written = 0;
    for (Object o : c) {
      item.write(o, out);
      written++;
    }
    if (written != size) {
      throw new java.util.ConcurrentModificationException(typeName + " changed while encoding");
    }
    out.writeBlockEnd();
    out.pop();
  }

  static void checkClass(Object value, Class<?> exactClass, String typeName) {
    if (exactClass != null && value.getClass() != exactClass) {
      throw new ValueRefusedException(
          typeName,
          "the value is a "
              + value.getClass().getName()
              + ", not exactly the declared "
              + exactClass.getName());
    }
  }

  @Override
  Object read(AvroIn in) {
    in.enter();
    Collection<Object> c = null;
    int size = 0;
    for (int n; (n = in.readBlockCount(1, size)) != 0; ) {
      if (c == null) {
        c = factory.apply(n);
      }
      for (int i = 0; i < n; i++) {
        c.add(item.read(in));
      }
      size += n;
    }
    in.exit();
    return c == null ? factory.apply(0) : c;
  }
}
