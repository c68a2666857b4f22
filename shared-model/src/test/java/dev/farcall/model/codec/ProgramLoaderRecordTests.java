package dev.farcall.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.program.ProgramClassLoader;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records of uploaded programs live in their own loader's unnamed module, where the codec cannot
 * get a full-privilege lookup; it must still read their components.
 */
class ProgramLoaderRecordTests {

  @Test
  void recordDefinedByAProgramClassLoaderRoundTrips() throws Exception {
    String internal = IsolatedPoint.class.getName().replace('.', '/');
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/" + internal + ".class")) {
      bytes = in.readAllBytes();
    }
    ProgramClassLoader loader =
        ProgramClassLoader.fromClasses(
            "isolated", Map.of(internal, bytes), getClass().getClassLoader());
    Class<?> point = loader.loadClass(IsolatedPoint.class.getName());
    assertThat(point).isNotSameAs(IsolatedPoint.class);
    Method mirror = point.getMethod("mirror", point);
    Object value =
        point
            .getDeclaredConstructor(
                int.class, long.class, String.class, boolean.class, double.class)
            .newInstance(3, 4L, "p", true, 1.5);

    MethodCodec codec = new ArgumentCodec(loader).forMethod(mirror);
    Object[] decoded =
        codec.decodeArguments(
            codec.encodeArguments(new Object[] {value}), codec.argumentFingerprint());
    Object result = mirror.invoke(null, decoded[0]);

    assertThat(decoded[0]).isEqualTo(value);
    assertThat(codec.decodeResult(codec.encodeResult(result))).isEqualTo(result);
    assertThat(result.toString())
        .isEqualTo("IsolatedPoint[x=-3, y=-4, label=p, on=false, weight=1.5]");
  }
}
