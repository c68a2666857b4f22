package dev.farcall.api.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@code Farcall.async} finds the dispatcher of the run a call comes from. This jar is shared
 * by every run of a coordinator (programs see it through their class loader's parent), so there is
 * no "current run": each run registers its dispatcher under the class loader that defines its
 * program, and a call is routed by the loader of the method reference's class. A run must
 * unregister when it ends, otherwise its class loader stays reachable.
 */
public final class AsyncDispatchers {

  private static final Map<ClassLoader, AsyncDispatcher> BY_LOADER = new ConcurrentHashMap<>();

  private AsyncDispatchers() {}

  /**
   * Routes {@code Farcall.async} calls of classes defined by {@code loader} to {@code dispatcher}.
   */
  public static void register(ClassLoader loader, AsyncDispatcher dispatcher) {
    BY_LOADER.put(loader, dispatcher);
  }

  /** Forgets the dispatcher of {@code loader}; calls from it then run on the local executor. */
  public static void unregister(ClassLoader loader) {
    BY_LOADER.remove(loader);
  }

  /** The dispatcher registered for {@code loader}, if any. */
  public static Optional<AsyncDispatcher> forLoader(ClassLoader loader) {
    return loader == null ? Optional.empty() : Optional.ofNullable(BY_LOADER.get(loader));
  }
}
