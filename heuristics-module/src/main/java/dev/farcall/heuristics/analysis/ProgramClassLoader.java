package dev.farcall.heuristics.analysis;

import java.util.Map;

/**
 * Defines a program's classes from its jar bytes so that reflection can inspect their signatures,
 * without running any of them: classes are only ever loaded with {@code initialize = false}. The
 * parent exposes only the JDK (platform loader) and {@code farcall-api}; a copy of {@code
 * farcall-api} inside the jar is ignored in favour of the parent's.
 */
final class ProgramClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String API_PACKAGE = "dev.farcall.api.";

  private final Map<String, byte[]> classes;

  ProgramClassLoader(Map<String, byte[]> classesByInternalName) {
    super("farcall-analysis", ClassLoader.getPlatformClassLoader());
    this.classes = classesByInternalName;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      return Class.forName(name, false, dev.farcall.api.Pure.class.getClassLoader());
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name.replace('.', '/'));
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
