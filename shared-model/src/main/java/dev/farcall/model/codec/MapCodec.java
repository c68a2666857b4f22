package dev.farcall.model.codec;

import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntFunction;

/**
 * A map as an Avro array of {@code {key, value}} records, whatever the key type: one form for all
 * maps keeps keys typed (an Avro map would force string keys) and keeps the iteration order of
 * linked and sorted maps.
 */
final class MapCodec extends ValueCodec {

  private final String typeName;
  private final Class<?> exactClass;
  private final IntFunction<Map<Object, Object>> factory;
  private final ValueCodec key;
  private final ValueCodec value;

  MapCodec(
      String typeName,
      Class<?> exactClass,
      IntFunction<Map<Object, Object>> factory,
      ValueCodec key,
      ValueCodec value) {
    this.typeName = typeName;
    this.exactClass = exactClass;
    this.factory = factory;
    this.key = key;
    this.value = value;
  }

  @Override
  void write(Object v, AvroOut out) {
    Map<?, ?> m = (Map<?, ?>) v;
    CollectionCodec.checkClass(v, exactClass, typeName);
    if (m instanceof SortedMap<?, ?> s && s.comparator() != null) {
      throw new ValueRefusedException(
          typeName, "a sorted map with a custom comparator (the comparator cannot travel)");
    }
    out.push(m, typeName);
    int size = m.size();
    out.writeBlockStart(size);
    int written = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      key.write(e.getKey(), out);
      value.write(e.getValue(), out);
      written++;
    }
    if (written != size) {
      throw new java.util.ConcurrentModificationException(typeName + " changed while encoding");
    }
    out.writeBlockEnd();
    out.pop();
  }

  @Override
  Object read(AvroIn in) {
    in.enter();
    Map<Object, Object> m = null;
    int size = 0;
    for (int n; (n = in.readBlockCount(2, size)) != 0; ) {
      if (m == null) {
        m = factory.apply(n);
      }
      for (int i = 0; i < n; i++) {
        Object k = key.read(in);
        m.put(k, value.read(in));
      }
      size += n;
    }
    in.exit();
    return m == null ? factory.apply(0) : m;
  }
}
