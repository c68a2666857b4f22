package dev.farcall.heuristics.jar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;

/**
 * Reads a jar, its nested jars and their classes, streaming and counting the bytes it inflates so
 * that a hostile archive hits a {@link JarLimits} cap instead of exhausting memory. Class names are
 * taken from the class files themselves, so shaded, Spring Boot ({@code BOOT-INF/classes}) and WAR
 * layouts need no special casing. Multi-release variants under {@code META-INF/versions} are
 * skipped: the base classes are analysed.
 */
public final class JarReader {

  private static final byte[] ZIP_MAGIC = {'P', 'K'};

  private final JarLimits limits;

  public JarReader(JarLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads a jar file.
   *
   * @throws JarFormatException if it is not a jar or an entry is corrupt
   * @throws JarLimitExceededException if it exceeds a limit
   */
  public ProgramClasses read(Path jar) {
    try (InputStream in = Files.newInputStream(jar)) {
      return read(in, jar.getFileName().toString());
    } catch (IOException e) {
      throw new JarFormatException(null, "cannot read jar " + jar + ": " + e.getMessage(), e);
    }
  }

  /** Reads a jar from a stream; {@code name} names it in errors. */
  public ProgramClasses read(InputStream in, String name) {
    State state = new State();
    try {
      readJar(in, name, 0, state);
    } catch (ZipException e) {
      throw new JarFormatException(null, "corrupt zip: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new JarFormatException(null, "cannot read jar: " + e.getMessage(), e);
    }
    return new ProgramClasses(state.classes, state.resources, state.sources);
  }

  private void readJar(InputStream raw, String name, int depth, State state) throws IOException {
    InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
    in.mark(2);
    byte[] head = in.readNBytes(2);
    in.reset();
    if (head.length < 2 || head[0] != ZIP_MAGIC[0] || head[1] != ZIP_MAGIC[1]) {
      throw new JarFormatException(depth == 0 ? null : name, "not a jar (no zip header)", null);
    }
    state.sources.add(name);
    ZipInputStream zip = new ZipInputStream(in);
    ZipEntry entry;
    while ((entry = zip.getNextEntry()) != null) {
      if (++state.entries > limits.maxEntries()) {
        throw new JarLimitExceededException(
            "maxEntries", limits.maxEntries(), entryName(name, depth, entry));
      }
      if (entry.isDirectory()) {
        continue;
      }
      String entryName = entry.getName();
      boolean isClass = entryName.endsWith(".class") && !entryName.startsWith("META-INF/versions/");
      boolean isJar = entryName.endsWith(".jar");
      boolean isResource = depth == 0 && entryName.equals(ProgramClasses.DECLARATIONS_ENTRY);
      if (!isClass && !isJar && !isResource) {
        continue;
      }
      byte[] bytes = readBounded(zip, entry.getSize(), entryName(name, depth, entry), state);
      if (isClass) {
        addClass(bytes, entryName(name, depth, entry), state);
      } else if (isResource) {
        state.resources.put(entryName, bytes);
      } else {
        if (depth + 1 > limits.maxNestingDepth()) {
          throw new JarLimitExceededException(
              "maxNestingDepth", limits.maxNestingDepth(), entryName(name, depth, entry));
        }
        readJar(new ByteArrayInputStream(bytes), entryName(name, depth, entry), depth + 1, state);
      }
    }
  }

  private static String entryName(String jar, int depth, ZipEntry entry) {
    return depth == 0 ? entry.getName() : jar + "!/" + entry.getName();
  }

  private void addClass(byte[] bytes, String where, State state) {
    String className;
    try {
      className = new ClassReader(bytes).getClassName();
    } catch (RuntimeException e) {
      throw new JarFormatException(where, "not a valid class file", e);
    }
    if (className.equals("module-info") || className.endsWith("/package-info")) {
      return;
    }
    state.classes.putIfAbsent(className, bytes);
  }

  private byte[] readBounded(InputStream in, long declaredSize, String where, State state)
      throws IOException {
    // the declared size is only a hint for the buffer; the limits count what is inflated
    int hint = declaredSize > 0 && declaredSize <= (1 << 20) ? (int) declaredSize : 8192;
    ByteArrayOutputStream out = new ByteArrayOutputStream(hint);
    byte[] buffer = new byte[16 * 1024];
    long entryBytes = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      entryBytes += n;
      state.totalBytes += n;
      if (entryBytes > limits.maxEntryBytes()) {
        throw new JarLimitExceededException("maxEntryBytes", limits.maxEntryBytes(), where);
      }
      if (state.totalBytes > limits.maxTotalBytes()) {
        throw new JarLimitExceededException("maxTotalBytes", limits.maxTotalBytes(), where);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static final class State {
    final Map<String, byte[]> classes = new LinkedHashMap<>();
    final Map<String, byte[]> resources = new LinkedHashMap<>();
    final List<String> sources = new ArrayList<>();
    int entries;
    long totalBytes;
  }
}
