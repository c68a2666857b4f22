package dev.farcall.heuristics.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Locates the jars the tests analyse. */
final class TestPrograms {

  private static Path examples;

  private TestPrograms() {}

  /** The examples module's jar (or its classes, packed into a temporary jar). */
  static synchronized Path examplesJar() {
    if (examples == null) {
      try {
        Path location =
            Path.of(
                dev.farcall.examples.analysis.Stage.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        examples = Files.isDirectory(location) ? pack(location) : location;
      } catch (URISyntaxException | IOException e) {
        throw new IllegalStateException("cannot locate the examples", e);
      }
    }
    return examples;
  }

  static Path commonsLang3() {
    return testJar("commons-lang3.jar");
  }

  static Path commonsMath3() {
    return testJar("commons-math3.jar");
  }

  private static Path testJar(String name) {
    String dir = System.getProperty("farcall.testJars", "target/test-jars");
    Path jar = Path.of(dir, name);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " missing: run the build through Maven");
    }
    return jar;
  }

  /** Packs a class directory into a jar. */
  static Path pack(Path directory) throws IOException {
    Path jar = Files.createTempFile("farcall-classes", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        zip.putNextEntry(new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return jar;
  }

  /** Writes the given entries (name, bytes) as a jar. */
  static Path jar(List<java.util.Map.Entry<String, byte[]>> entries) {
    try {
      Path jar = Files.createTempFile("farcall-test", ".jar");
      jar.toFile().deleteOnExit();
      try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar))) {
        for (var e : entries) {
          zip.putNextEntry(new JarEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
