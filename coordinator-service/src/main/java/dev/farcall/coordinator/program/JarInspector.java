package dev.farcall.coordinator.program;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.function.LongSupplier;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Checks that a file is a jar worth storing, within the {@link ProgramProperties} limits. Every
 * entry is actually decompressed and its bytes counted with a hard stop, so sizes declared in the
 * archive are never trusted. The jar itself is read through its central directory ({@link
 * ZipFile}), as class loaders read it; nested jars are streamed and count toward the same limits.
 */
final class JarInspector {

  private static final byte[] CLASS_MAGIC = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
  private static final int MAX_MANIFEST_BYTES = 1 << 20;
  private static final int MAX_MAIN_CLASS_LENGTH = 1024;
  private static final String MANIFEST = "META-INF/MANIFEST.MF";

  private final long maxEntries;
  private final long maxUncompressedBytes;
  private final long ratioThresholdBytes;
  private final int maxRatio;
  private final int maxNestedDepth;

  JarInspector(ProgramProperties limits) {
    this.maxEntries = limits.getMaxEntries();
    this.maxUncompressedBytes = limits.getMaxUncompressedSize().toBytes();
    this.ratioThresholdBytes = limits.getCompressionRatioThreshold().toBytes();
    this.maxRatio = limits.getMaxCompressionRatio();
    this.maxNestedDepth = limits.getMaxNestedJarDepth();
  }

  /**
   * Inspects the jar at {@code jar}.
   *
   * @throws InvalidJarException if it is not a jar holding classes
   * @throws JarLimitExceededException if it exceeds a limit
   */
  JarSummary inspect(Path jar) {
    ZipFile zip;
    try {
      zip = new ZipFile(jar.toFile());
    } catch (ZipException e) {
      throw InvalidJarException.notAZip(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Scan scan = new Scan();
    try (zip) {
      scan.countEntries(zip.size(), null);
      long fileSize = Files.size(jar);
      long declaredCompressed = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        requireSafeName(entry.getName(), entry.getName());
        // Bounds what a lying compressed size can buy in the ratio check below.
        declaredCompressed += Math.max(0, entry.getCompressedSize());
        if (declaredCompressed > fileSize) {
          throw InvalidJarException.corrupt(
              entry.getName(), "the declared compressed sizes exceed the archive's size");
        }
        if (entry.isDirectory()) {
          continue;
        }
        long compressed = entry.getCompressedSize();
        try (InputStream in = zip.getInputStream(entry)) {
          scan.entry(entry.getName(), in, () -> compressed, 0);
        } catch (ZipException | EOFException e) {
          throw InvalidJarException.corrupt(entry.getName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (scan.classCount == 0) {
      throw InvalidJarException.noClasses();
    }
    return new JarSummary(scan.entryCount, scan.classCount, scan.totalBytes, scan.mainClass);
  }

  /**
   * Refuses an entry name that would leave the jar's own tree if anyone unpacked it (an absolute
   * path, a {@code ..} segment, a drive letter or a backslash): no program needs one, and tools
   * that extract jars have been tricked by them ("zip slip").
   */
  private static void requireSafeName(String name, String shownAs) {
    boolean unsafe =
        name.startsWith("/")
            || name.indexOf('\\') >= 0
            || name.indexOf('\0') >= 0
            || (name.length() > 1 && name.charAt(1) == ':')
            || Arrays.asList(name.split("/")).contains("..");
    if (unsafe) {
      throw InvalidJarException.unsafeName(shownAs);
    }
  }

  /**
   * Parses the whole class file (code included) as the analysis and the workers' class loaders
   * will, so a class that cannot be read is refused at upload rather than failing the analysis.
   */
  private static void requireParses(String name, byte[] rest) {
    byte[] bytes = new byte[CLASS_MAGIC.length + rest.length];
    System.arraycopy(CLASS_MAGIC, 0, bytes, 0, CLASS_MAGIC.length);
    System.arraycopy(rest, 0, bytes, CLASS_MAGIC.length, rest.length);
    try {
      new ClassReader(bytes).accept(new ClassNode(), 0);
    } catch (RuntimeException e) {
      // ASM reports a malformed class as whatever index or argument check failed first.
      throw InvalidJarException.unparseableClass(name, e.toString());
    }
  }

  /** The running totals of one inspection. */
  private final class Scan {
    int entryCount;
    int classCount;
    long totalBytes;
    String mainClass;

    void countEntries(int count, String entry) {
      entryCount += count;
      if (entryCount > maxEntries) {
        throw new JarLimitExceededException(
            "farcall.programs.max-entries",
            maxEntries,
            entry,
            "The jar holds more than " + maxEntries + " entries");
      }
    }

    void entry(String name, InputStream in, LongSupplier compressedBytes, int depth)
        throws IOException {
      Metered metered = new Metered(in, name, compressedBytes);
      if (depth == 0 && name.endsWith(".class")) {
        if (!Arrays.equals(metered.readNBytes(CLASS_MAGIC.length), CLASS_MAGIC)) {
          throw InvalidJarException.notAClassFile(name);
        }
        requireParses(name, metered.readAllBytes());
        classCount++;
      } else if (depth == 0 && name.equals(MANIFEST)) {
        mainClass = mainClassOf(metered.readNBytes(MAX_MANIFEST_BYTES + 1));
      } else if (name.endsWith(".jar") && depth < maxNestedDepth) {
        nested(name, metered, depth + 1);
      }
      metered.transferTo(OutputStream.nullOutputStream());
    }

    private void nested(String name, InputStream jarBytes, int depth) throws IOException {
      Counting raw = new Counting(jarBytes);
      ZipInputStream zip = new ZipInputStream(raw);
      try {
        ZipEntry inner;
        while ((inner = zip.getNextEntry()) != null) {
          String innerName = name + "!/" + inner.getName();
          requireSafeName(inner.getName(), innerName);
          countEntries(1, innerName);
          if (!inner.isDirectory()) {
            long start = raw.count;
            entry(innerName, zip, () -> raw.count - start, depth);
          }
        }
      } catch (ZipException | EOFException e) {
        // Not a readable nested jar: its bytes still count, as the caller drains the entry.
      }
    }

    private String mainClassOf(byte[] manifestBytes) {
      if (manifestBytes.length > MAX_MANIFEST_BYTES) {
        throw new InvalidJarException(
            "invalid-manifest", MANIFEST, "The manifest is larger than " + MAX_MANIFEST_BYTES);
      }
      try {
        Manifest manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        String main = manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        if (main != null && main.length() > MAX_MAIN_CLASS_LENGTH) {
          throw new InvalidJarException(
              "invalid-manifest", MANIFEST, "The manifest's Main-Class is implausibly long");
        }
        return main == null || main.isBlank() ? null : main.trim();
      } catch (IOException e) {
        throw new InvalidJarException(
            "invalid-manifest", MANIFEST, "The manifest cannot be read: " + e.getMessage());
      }
    }

    /** Counts decompressed bytes as they are read and stops at the first limit passed. */
    private final class Metered extends FilterInputStream {
      private final String name;
      private final LongSupplier compressedBytes;
      private long count;

      Metered(InputStream in, String name, LongSupplier compressedBytes) {
        super(in);
        this.name = name;
        this.compressedBytes = compressedBytes;
      }

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          add(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          add(n);
        }
        return n;
      }

      @Override
      public void close() {
        // The caller owns the underlying stream.
      }

      private void add(int n) {
        count += n;
        totalBytes += n;
        if (totalBytes > maxUncompressedBytes) {
          throw new JarLimitExceededException(
              "farcall.programs.max-uncompressed-size",
              maxUncompressedBytes,
              name,
              "The jar's entries decompress to more than " + maxUncompressedBytes + " bytes");
        }
        if (count > ratioThresholdBytes) {
          long compressed = Math.max(1, compressedBytes.getAsLong());
          if ((double) count / compressed > maxRatio) {
            throw new JarLimitExceededException(
                "farcall.programs.max-compression-ratio",
                maxRatio,
                name,
                "Entry '" + name + "' is compressed more than " + maxRatio + ":1");
          }
        }
      }
    }
  }

  /** Counts the bytes a nested {@link ZipInputStream} pulls, i.e. its compressed input. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
