package dev.farcall.model.codec;

import java.lang.reflect.Array;
import java.util.Arrays;

/** An array of references: an Avro array of nullable items. */
final class ObjectArrayCodec extends ValueCodec {

  private final Class<?> componentType;
  private final ValueCodec item;
  private final String typeName;

  ObjectArrayCodec(Class<?> componentType, ValueCodec item) {
    this.componentType = componentType;
    this.item = item;
    this.typeName = componentType.getTypeName() + "[]";
  }

  @Override
  void write(Object value, AvroOut out) {
    Object[] array = (Object[]) value;
    out.push(array, typeName);
    out.writeBlockStart(array.length);
    for (Object o : array) {
      item.write(o, out);
    }
    out.writeBlockEnd();
    out.pop();
  }

  @Override
  Object read(AvroIn in) {
    in.enter();
    Object[] array = null;
    int size = 0;
    for (int n; (n = in.readBlockCount(1, size)) != 0; ) {
      array =
          array == null
              ? (Object[]) Array.newInstance(componentType, n)
              : Arrays.copyOf(array, size + n);
      for (int i = size; i < size + n; i++) {
        array[i] = item.read(in);
      }
      size += n;
    }
    in.exit();
    return array == null ? Array.newInstance(componentType, 0) : array;
  }
}
