package dev.farcall.coordinator.program;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds jars, non-jars and hostile archives for tests, in memory or in temporary files. */
public final class TestJars {

  private static Path zipBomb;

  private TestJars() {}

  /** Bytes of a real class file (this class), so entries carry the class-file magic. */
  public static byte[] classBytes() {
    try (InputStream in = TestJars.class.getResourceAsStream("TestJars.class")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A unique small jar with two classes and {@code Main-Class: demo.Main}. */
  public static byte[] jar() {
    return builder().mainClass("demo.Main").entry("demo/Main.class", classBytes()).build();
  }

  /** Starts a jar; every built jar carries a unique marker entry, so no two are the same bytes. */
  public static Builder builder() {
    return new Builder();
  }

  /** A zip holding no class file. */
  public static byte[] zipWithoutClasses() {
    return builder().entry("README.txt", "no classes here".getBytes()).build();
  }

  /** A plain text file. */
  public static byte[] notAZip() {
    return "this is not a zip archive, just text\n".repeat(20).getBytes();
  }

  /** A jar with one class, of about {@code size} bytes that do not compress (random content). */
  public static byte[] incompressibleJar(int size) {
    byte[] noise = new byte[size];
    new Random(size).nextBytes(noise);
    return builder().entry("demo/Main.class", classBytes()).entry("noise.bin", noise).build();
  }

  /**
   * A jar with one valid class and an entry of 1 GiB + 1 MiB of zeros, which compresses to about 1
   * MiB. Generated once per JVM by streaming zeros into the deflater.
   */
  public static synchronized Path zipBomb() {
    if (zipBomb != null) {
      return zipBomb;
    }
    try {
      Path file = Files.createTempFile("farcall-zip-bomb-", ".jar");
      file.toFile().deleteOnExit();
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry("demo/Main.class"));
        zip.write(classBytes());
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("zeros.bin"));
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 1025; i++) {
          zip.write(zeros);
        }
        zip.closeEntry();
      }
      zipBomb = file;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds a jar in memory. */
  public static final class Builder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Manifest manifest = new Manifest();
    private final java.util.List<Object[]> entries = new java.util.ArrayList<>();

    private Builder() {
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    public Builder mainClass(String mainClass) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
      return this;
    }

    /** Adds a deflated entry. */
    public Builder entry(String name, byte[] content) {
      entries.add(new Object[] {name, content, false});
      return this;
    }

    /** Adds an entry stored without compression (as nested jars usually are). */
    public Builder storedEntry(String name, byte[] content) {
      entries.add(new Object[] {name, content, true});
      return this;
    }

    public byte[] build() {
      try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
        write(jar, "META-INF/farcall-test-marker", UUID.randomUUID().toString().getBytes(), false);
        for (Object[] entry : entries) {
          write(jar, (String) entry[0], (byte[]) entry[1], (Boolean) entry[2]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    private static void write(ZipOutputStream zip, String name, byte[] content, boolean stored)
        throws IOException {
      ZipEntry entry = new ZipEntry(name);
      if (stored) {
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
      }
      zip.putNextEntry(entry);
      zip.write(content);
      zip.closeEntry();
    }
  }

  /** Writes {@code bytes} to a temporary file. */
  public static Path toFile(byte[] bytes) {
    try {
      Path file = Files.createTempFile("farcall-test-", ".jar");
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
