package dev.farcall.driver.sites;

import dev.farcall.driver.rewrite.CallSiteRewriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Makes stack traces of a run read as they would under plain {@code java}. */
public final class StackTraces {

  private static final String PROGRAM_LOADER_PREFIX = "farcall-program-";

  private StackTraces() {}

  /**
   * Removes the frames the rewriting adds (stubs, the driver) and the name of the run's class
   * loader from every frame, in {@code t}, its causes and its suppressed exceptions.
   */
  public static void asUnderPlainJava(Throwable t) {
    clean(t, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void clean(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    StackTraceElement[] frames = t.getStackTrace();
    List<StackTraceElement> kept = new ArrayList<>(frames.length);
    for (StackTraceElement f : frames) {
      if (f.getMethodName().startsWith(CallSiteRewriter.STUB_PREFIX)
          || f.getClassName().startsWith("dev.farcall.driver.")) {
        continue;
      }
      kept.add(withoutProgramLoader(f));
    }
    t.setStackTrace(kept.toArray(StackTraceElement[]::new));
    clean(t.getCause(), seen);
    for (Throwable s : t.getSuppressed()) {
      clean(s, seen);
    }
  }

  /** The frame without a Farcall program loader's name (the application loader has none). */
  static StackTraceElement withoutProgramLoader(StackTraceElement f) {
    String loader = f.getClassLoaderName();
    if (loader == null || !loader.startsWith(PROGRAM_LOADER_PREFIX)) {
      return f;
    }
    return new StackTraceElement(
        null,
        f.getModuleName(),
        f.getModuleVersion(),
        f.getClassName(),
        f.getMethodName(),
        f.getFileName(),
        f.getLineNumber());
  }
}
