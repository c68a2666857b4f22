package dev.farcall.driver.rewrite;

import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.model.MethodId;
import dev.farcall.model.program.ProgramClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class loader of the run's program: its classes, isolated like any {@link ProgramClassLoader}
 * (its parent exposes only the JDK and {@code farcall-api}, never the driver's own libraries),
 * rewritten by {@link CallSiteRewriter} as they are defined, plus the run's own copy of {@link
 * RunHooks}. Unnamed, like the JVM's application class loader, so that stack traces print as under
 * plain {@code java}.
 */
public final class RunClassLoader extends ProgramClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String HOOKS_NAME = RunHooks.class.getName();
  private static final byte[] HOOKS_BYTES = readHooksClass();

  private final CallSiteRewriter rewriter;

  /**
   * @param sites the dispatchable methods; a method's index is its site id
   */
  public RunClassLoader(Path jar, String label, ClassLoader apiLoader, List<MethodId> sites) {
    super(jar, label, apiLoader, false);
    Map<MethodId, Integer> ids = new HashMap<>();
    for (int i = 0; i < sites.size(); i++) {
      ids.put(sites.get(i), i);
    }
    this.rewriter = new CallSiteRewriter(Map.copyOf(ids), new ClassIndex(this));
  }

  /** Sets a field of this run's copy of {@link RunHooks}. */
  public void setHook(String field, Object value) {
    try {
      Field f = loadClass(HOOKS_NAME).getField(field);
      f.set(null, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set " + field + " of the run's hooks", e);
    }
  }

  /** Reads a field of this run's copy of {@link RunHooks}. */
  public Object hook(String field) {
    try {
      return loadClass(HOOKS_NAME).getField(field).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + field + " of the run's hooks", e);
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
