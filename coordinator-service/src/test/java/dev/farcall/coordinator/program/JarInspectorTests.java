package dev.farcall.coordinator.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class JarInspectorTests {

  private final ProgramProperties limits = new ProgramProperties();

  private JarSummary inspect(byte[] jar) {
    return new JarInspector(limits).inspect(TestJars.toFile(jar));
  }

  @Test
  void validJarIsSummarisedWithClassCountAndMainClass() {
    byte[] jar =
        TestJars.builder()
            .mainClass("demo.Main")
            .entry("demo/Main.class", TestJars.classBytes())
            .entry("demo/Helper.class", TestJars.classBytes())
            .entry("demo/data.txt", "hello".getBytes())
            .build();

    JarSummary summary = inspect(jar);

    assertThat(summary.classCount()).isEqualTo(2);
    assertThat(summary.mainClass()).isEqualTo("demo.Main");
    // manifest + marker + 3 entries
    assertThat(summary.entryCount()).isEqualTo(5);
    assertThat(summary.uncompressedBytes()).isGreaterThan(2L * TestJars.classBytes().length);
  }

  @Test
  void jarWithoutManifestMainClassHasNoMainClass() {
    byte[] jar = TestJars.builder().entry("a/A.class", TestJars.classBytes()).build();

    assertThat(inspect(jar).mainClass()).isNull();
  }

  @Test
  void textFileIsRejectedAsNotAZip() {
    assertThatThrownBy(() -> inspect(TestJars.notAZip()))
        .isInstanceOfSatisfying(
            InvalidJarException.class, e -> assertThat(e.reason()).isEqualTo("not-a-zip"));
  }

  @Test
  void zipWithoutClassesIsRejected() {
    assertThatThrownBy(() -> inspect(TestJars.zipWithoutClasses()))
        .isInstanceOfSatisfying(
            InvalidJarException.class, e -> assertThat(e.reason()).isEqualTo("no-classes"));
  }

  @Test
  void classEntryWithoutMagicIsRejected() {
    byte[] jar = TestJars.builder().entry("a/Fake.class", "not bytecode".getBytes()).build();

    assertThatThrownBy(() -> inspect(jar))
        .isInstanceOfSatisfying(
            InvalidJarException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("not-a-class-file");
              assertThat(e.properties()).containsEntry("entry", "a/Fake.class");
            });
  }

  @Test
  void truncatedJarIsRejected() {
    byte[] jar = TestJars.jar();
    byte[] truncated = java.util.Arrays.copyOf(jar, jar.length / 2);

    assertThatThrownBy(() -> inspect(truncated)).isInstanceOf(InvalidJarException.class);
  }

  @Test
  void tooManyEntriesExceedsTheEntryLimit() {
    limits.setMaxEntries(5);
    TestJars.Builder builder = TestJars.builder();
    for (int i = 0; i < 5; i++) {
      builder.entry("a/C" + i + ".class", TestJars.classBytes());
    }

    assertThatThrownBy(() -> inspect(builder.build()))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("farcall.programs.max-entries"));
  }

  @Test
  void decompressedBytesBeyondTheTotalLimitStopInspection() {
    limits.setMaxUncompressedSize(DataSize.ofKilobytes(512));
    // Many moderately compressible entries, each below the ratio threshold.
    TestJars.Builder builder = TestJars.builder().entry("a/A.class", TestJars.classBytes());
    for (int i = 0; i < 10; i++) {
      builder.entry("data/" + i + ".bin", new byte[100 * 1024]);
    }

    assertThatThrownBy(() -> inspect(builder.build()))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("farcall.programs.max-uncompressed-size");
              assertThat(e.getMessage()).contains("524288");
            });
  }

  @Test
  void highlyCompressedLargeEntryExceedsTheRatioLimit() {
    limits.setCompressionRatioThreshold(DataSize.ofKilobytes(64));
    byte[] jar =
        TestJars.builder()
            .entry("a/A.class", TestJars.classBytes())
            .entry("zeros.bin", new byte[4 << 20])
            .build();

    assertThatThrownBy(() -> inspect(jar))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("farcall.programs.max-compression-ratio");
              assertThat(e.properties()).containsEntry("entry", "zeros.bin");
            });
  }

  @Test
  void highlyCompressedSmallEntryIsAllowed() {
    byte[] jar =
        TestJars.builder()
            .entry("a/A.class", TestJars.classBytes())
            .entry("zeros.bin", new byte[512 * 1024])
            .build();

    assertThat(inspect(jar).classCount()).isEqualTo(1);
  }

  @Test
  void nestedJarEntriesCountTowardTheEntryLimit() {
    TestJars.Builder inner = TestJars.builder();
    for (int i = 0; i < 20; i++) {
      inner.entry("lib/C" + i + ".class", TestJars.classBytes());
    }
    byte[] outer =
        TestJars.builder()
            .entry("a/A.class", TestJars.classBytes())
            .storedEntry("BOOT-INF/lib/inner.jar", inner.build())
            .build();
    limits.setMaxEntries(20);

    assertThatThrownBy(() -> inspect(outer))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("farcall.programs.max-entries");
              assertThat((String) e.properties().get("entry"))
                  .startsWith("BOOT-INF/lib/inner.jar!/");
            });
  }

  @Test
  void bombInsideANestedJarIsCaughtByTheRatioLimit() {
    limits.setCompressionRatioThreshold(DataSize.ofKilobytes(64));
    byte[] inner =
        TestJars.builder()
            .entry("b/B.class", TestJars.classBytes())
            .entry("zeros.bin", new byte[8 << 20])
            .build();
    // Stored, so the outer entry itself has a ratio of 1:1; only the inner entry is a bomb.
    byte[] outer =
        TestJars.builder()
            .entry("a/A.class", TestJars.classBytes())
            .storedEntry("BOOT-INF/lib/inner.jar", inner)
            .build();

    assertThatThrownBy(() -> inspect(outer))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e ->
                assertThat(e.properties())
                    .containsEntry("entry", "BOOT-INF/lib/inner.jar!/zeros.bin"));
  }

  @Test
  void nestedJarBytesCountTowardTheTotalLimit() {
    byte[] inner =
        TestJars.builder()
            .entry("b/B.class", TestJars.classBytes())
            .entry("data.bin", new byte[300 * 1024])
            .build();
    byte[] outer =
        TestJars.builder()
            .entry("a/A.class", TestJars.classBytes())
            .storedEntry("BOOT-INF/lib/inner.jar", inner)
            .build();
    JarSummary unlimited = inspect(outer);
    // The inner entries' decompressed bytes are counted on top of the nested jar's own bytes.
    assertThat(unlimited.uncompressedBytes()).isGreaterThan(300L * 1024 + inner.length);

    limits.setMaxUncompressedSize(DataSize.ofKilobytes(300));
    assertThatThrownBy(() -> inspect(outer))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("farcall.programs.max-uncompressed-size"));
  }

  @Test
  void realZipBombIsStoppedByALimitWithoutDecompressingItAll() {
    Path bomb = TestJars.zipBomb();

    assertThatThrownBy(() -> new JarInspector(limits).inspect(bomb))
        .isInstanceOfSatisfying(
            JarLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("farcall.programs.max-compression-ratio"));
  }
}
