package dev.farcall.model.codec;

import java.lang.reflect.Method;
import java.util.Arrays;

/** Shared helpers for the codec tests. */
final class CodecTesting {

  static final ArgumentCodec CODEC = new ArgumentCodec(CodecTesting.class.getClassLoader());

  private CodecTesting() {}

  /** The only method of that name declared by {@code owner}. */
  static Method method(Class<?> owner, String name) {
    Method[] found =
        Arrays.stream(owner.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .toArray(Method[]::new);
    if (found.length != 1) {
      throw new IllegalArgumentException(found.length + " methods named " + name);
    }
    return found[0];
  }

  static MethodCodec codec(String name) {
    return CODEC.forMethod(method(Fixtures.Calls.class, name));
  }

  static Object[] roundTrip(MethodCodec codec, Object... args) {
    byte[] payload = codec.encodeArguments(args);
    return codec.decodeArguments(payload, codec.argumentFingerprint());
  }
}
