package dev.farcall.model.program;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads one uploaded program's classes and resources from its jar (and the jars nested in it under
 * {@code BOOT-INF/lib/} or {@code lib/}), isolated from the host: its parent exposes only the JDK
 * (the platform class loader) and the {@code dev.farcall.api} package, so a program can neither see
 * nor disturb the coordinator's or worker's own classes. Classes are defined lazily and are only
 * initialised when the host asks for that explicitly.
 */
public class ProgramClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String API_PACKAGE = "dev.farcall.api.";

  private final Map<String, byte[]> entries;
  private final String label;
  private final ClassLoader apiLoader;
  private final ProtectionDomain domain;

  private ProgramClassLoader(
      String label, Map<String, byte[]> entries, ClassLoader apiLoader, boolean named) {
    super(named ? "farcall-program-" + label : null, ClassLoader.getPlatformClassLoader());
    this.label = label;
    this.entries = entries;
    this.apiLoader = apiLoader;
    this.domain =
        new ProtectionDomain(new CodeSource(null, (Certificate[]) null), null, this, null);
  }

  /**
   * Reads a jar fully into memory and returns a loader for it.
   *
   * @param label names the loader in stack traces and diagnostics (e.g. the program id)
   * @param apiLoader the host loader that supplies {@code dev.farcall.api}
   */
  public static ProgramClassLoader fromJar(Path jar, String label, ClassLoader apiLoader) {
    return new ProgramClassLoader(label, readEntries(jar), apiLoader, true);
  }

  /**
   * For subclasses that rewrite classes ({@link #transform}): reads the jar fully into memory, like
   * {@link #fromJar}.
   */
  protected ProgramClassLoader(Path jar, String label, ClassLoader apiLoader) {
    this(label, readEntries(jar), apiLoader, true);
  }

  /**
   * For subclasses that rewrite classes, optionally without a loader name: a run driver's program
   * loader is unnamed like the JVM's application loader, so that stack traces print the same as
   * under plain {@code java} (a named loader's frames read {@code name//pkg.Class.method}).
   */
  protected ProgramClassLoader(Path jar, String label, ClassLoader apiLoader, boolean named) {
    this(label, readEntries(jar), apiLoader, named);
  }

  private static Map<String, byte[]> readEntries(Path jar) {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          byte[] bytes = in.readAllBytes();
          if (isNestedJar(e.getName())) {
            readNested(bytes, entries);
          } else {
            entries.put(e.getName(), bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read program jar " + jar, e);
    }
    // Spring Boot style jars keep the program's own classes under BOOT-INF/classes/.
    Map<String, byte[]> normalized = new HashMap<>();
    entries.forEach(
        (name, bytes) -> {
          String n =
              name.startsWith("BOOT-INF/classes/")
                  ? name.substring("BOOT-INF/classes/".length())
                  : name;
          normalized.putIfAbsent(n, bytes);
        });
    return normalized;
  }

  /**
   * A loader over class files already read (e.g. by the analysis' jar reader).
   *
   * @param classesByInternalName class bytes keyed by internal name ({@code pkg/Outer$Inner})
   */
  public static ProgramClassLoader fromClasses(
      String label, Map<String, byte[]> classesByInternalName, ClassLoader apiLoader) {
    Map<String, byte[]> entries = new HashMap<>();
    classesByInternalName.forEach((name, bytes) -> entries.put(name + ".class", bytes));
    return new ProgramClassLoader(label, entries, apiLoader, true);
  }

  private static boolean isNestedJar(String name) {
    return name.endsWith(".jar") && (name.startsWith("BOOT-INF/lib/") || name.startsWith("lib/"));
  }

  private static void readNested(byte[] jarBytes, Map<String, byte[]> into) throws IOException {
    try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jarBytes))) {
      JarEntry e;
      while ((e = in.getNextJarEntry()) != null) {
        if (!e.isDirectory()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          into.putIfAbsent(e.getName(), out.toByteArray());
        }
      }
    }
  }

  /** The label given at creation. */
  public String label() {
    return label;
  }

  /** Whether the jar defines this class (binary name). */
  public boolean definesClass(String className) {
    return entries.containsKey(className.replace('.', '/') + ".class");
  }

  /** The raw bytes of a class file of the program, if it has one. */
  public Optional<byte[]> classBytes(String className) {
    return Optional.ofNullable(entries.get(className.replace('.', '/') + ".class"));
  }

  /** Names of all entries (classes and resources) of the program. */
  public java.util.Set<String> entryNames() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      return apiLoader.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = entries.get(name.replace('.', '/') + ".class");
    if (bytes == null) {
      throw new ClassNotFoundException(name + " (not in program " + label + ")");
    }
    definePackageFor(name);
    byte[] definition = transform(name, bytes);
    return defineClass(name, definition, 0, definition.length, domain);
  }

  /**
   * Hook for subclasses that rewrite a class before it is defined (the run driver rewrites call
   * sites). The default defines the jar's bytes unchanged.
   */
  protected byte[] transform(String className, byte[] classFile) {
    return classFile;
  }

  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
          // another thread defined it first; nothing to do
        }
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      return null;
    }
    try {
      return new URL(
          null,
          "farcall-program:" + label + "/" + name,
          new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
              return new URLConnection(u) {
                @Override
                public void connect() {}

                @Override
                public InputStream getInputStream() {
                  return new java.io.ByteArrayInputStream(bytes);
                }
              };
            }
          });
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(java.util.List.of(url));
  }
}
