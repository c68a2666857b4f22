package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.hooks.RunHooks;
import dev.farcall.model.program.ProgramClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class loader of one run: the program's classes, isolated like any {@link ProgramClassLoader},
 * rewritten by {@link CallSiteRewriter} as they are defined, plus the run's own copy of {@link
 * RunHooks}. Nothing outside the run refers to it once the run has ended, so the program's classes
 * and statics are collected with it.
 */
final class RunClassLoader extends ProgramClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String HOOKS_NAME = RunHooks.class.getName();
  private static final byte[] HOOKS_BYTES = readHooksClass();

  private final CallSiteRewriter rewriter;

  /**
   * @param sites the dispatchable methods; a method's index is its site id in the decision table
   */
  RunClassLoader(Path jar, String label, ClassLoader apiLoader, List<MethodKey> sites) {
    super(jar, label, apiLoader);
    Map<MethodKey, Integer> ids = new HashMap<>();
    for (int i = 0; i < sites.size(); i++) {
      ids.put(sites.get(i), i);
    }
    this.rewriter = new CallSiteRewriter(Map.copyOf(ids), new ClassIndex(this));
  }

  /** This run's copy of {@link RunHooks}. */
  Class<?> hooksClass() {
    try {
      return loadClass(HOOKS_NAME);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (name.equals(HOOKS_NAME)) {
      return defineClass(name, HOOKS_BYTES, 0, HOOKS_BYTES.length);
    }
    return super.findClass(name);
  }

  @Override
  protected byte[] transform(String className, byte[] classFile) {
    return rewriter.rewrite(classFile);
  }

  private static byte[] readHooksClass() {
    String resource = "/" + HOOKS_NAME.replace('.', '/') + ".class";
    try (InputStream in = RunHooks.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
