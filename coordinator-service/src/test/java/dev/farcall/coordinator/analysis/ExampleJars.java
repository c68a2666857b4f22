package dev.farcall.coordinator.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Jars the build copies to {@code target/test-jars}, made unique per call so uploads are new. */
public final class ExampleJars {

  /** Class of the placement example. */
  public static final String PARALLEL_SUM = "dev.farcall.examples.placement.ParallelSum";

  private ExampleJars() {}

  /** A copy of the examples jar with a unique marker entry (so it is a new program). */
  public static byte[] examples() {
    return unique("examples.jar");
  }

  /** A copy of commons-lang3 with a unique marker entry. */
  public static byte[] commonsLang3() {
    return unique("commons-lang3.jar");
  }

  private static byte[] unique(String name) {
    Path jar = Path.of("target", "test-jars", name);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " missing: run the build through Maven");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream source = new ZipInputStream(in);
        ZipOutputStream target = new ZipOutputStream(bytes)) {
      for (ZipEntry entry = source.getNextEntry(); entry != null; entry = source.getNextEntry()) {
        target.putNextEntry(new ZipEntry(entry.getName()));
        source.transferTo(target);
        target.closeEntry();
      }
      target.putNextEntry(new ZipEntry("META-INF/farcall-test-marker"));
      target.write(UUID.randomUUID().toString().getBytes());
      target.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
