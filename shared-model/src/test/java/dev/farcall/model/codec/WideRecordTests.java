package dev.farcall.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record as wide as the JVM allows (its constructor takes 254 parameter slots) is too wide for
 * the codec's folded method handle and is read reflectively; it must still round-trip and its
 * constructor's checks must still apply.
 */
class WideRecordTests {

  private static final int COMPONENTS = 127; // 127 longs: 254 slots, the JVM's maximum

  @Test
  void aRecordWithTheMostComponentsAConstructorCanTakeRoundTrips(@TempDir Path dir)
      throws Exception {
    try (URLClassLoader loader = compileWideRecord(dir)) {
      Class<?> wide = loader.loadClass("wide.Wide");
      Object value = newWide(wide, 1_000_000_007L);
      MethodCodec codec = new ArgumentCodec(loader).forMethod(wide.getMethod("echo", wide));

      Object[] decoded =
          codec.decodeArguments(
              codec.encodeArguments(new Object[] {value}), codec.argumentFingerprint());

      assertThat(decoded[0]).isEqualTo(value);
    }
  }

  @Test
  void aWideRecordWhoseConstructorRejectsTheValuesFailsWithPayloadException(@TempDir Path dir)
      throws Exception {
    try (URLClassLoader loader = compileWideRecord(dir)) {
      Class<?> wide = loader.loadClass("wide.Wide");
      MethodCodec codec = new ArgumentCodec(loader).forMethod(wide.getMethod("echo", wide));
      byte[] payload = codec.encodeArguments(new Object[] {newWide(wide, 1)});
      payload[1] = 1; // c0: zig-zag 1 is -1, which the compact constructor refuses

      assertThatThrownBy(() -> codec.decodeArguments(payload, codec.argumentFingerprint()))
          .isInstanceOf(PayloadException.class)
          .hasMessageContaining("constructor of wide.Wide rejected")
          .hasRootCauseMessage("c0 must not be negative");
    }
  }

  private static Object newWide(Class<?> wide, long step) throws Exception {
    Class<?>[] types = new Class<?>[COMPONENTS];
    Object[] values = new Object[COMPONENTS];
    Arrays.fill(types, long.class);
    for (int i = 0; i < COMPONENTS; i++) {
      values[i] = i * step;
    }
    return wide.getDeclaredConstructor(types).newInstance(values);
  }

  private static URLClassLoader compileWideRecord(Path dir) throws Exception {
    String components =
        IntStream.range(0, COMPONENTS)
            .mapToObj(i -> "long c" + i)
            .collect(Collectors.joining(", "));
    String source =
        "package wide; public record Wide("
            + components
            + ") { public Wide { if (c0 < 0) throw new IllegalArgumentException(\"c0 must not be"
            + " negative\"); } public static Wide echo(Wide w) { return w; } }";
    Path file = dir.resolve("wide/Wide.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", dir.toString(), file.toString());
    assertThat(status).as("javac exit status").isZero();
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, WideRecordTests.class.getClassLoader());
  }
}
