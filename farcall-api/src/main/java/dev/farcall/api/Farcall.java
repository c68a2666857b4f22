package dev.farcall.api;

import dev.farcall.api.spi.AsyncDispatcher;
import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.api.spi.MethodReferences;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Explicit asynchronous calls that Farcall may run on a worker: {@code Farcall.async(Main::price,
 * order)} returns a {@link CompletableFuture} of the method's result. Under Farcall the call is
 * dispatched like a remote call site (it stays home when the method may not move); anywhere else it
 * runs on a small pool of daemon threads, so the same jar behaves the same with plain {@code java}.
 *
 * <p>Pass a method reference ({@code Type::method} or {@code object::method}): Farcall finds the
 * target method from the reference's serialized form. The future completes with what the method
 * returns, or exceptionally with exactly the exception it throws.
 */
public final class Farcall {

  private Farcall() {}

  /** A serializable method reference without arguments. */
  @FunctionalInterface
  public interface Fn0<R> extends Serializable {
    R apply() throws Exception;
  }

  /** A serializable method reference of one argument. */
  @FunctionalInterface
  public interface Fn1<A, R> extends Serializable {
    R apply(A a) throws Exception;
  }

  /** A serializable method reference of two arguments. */
  @FunctionalInterface
  public interface Fn2<A, B, R> extends Serializable {
    R apply(A a, B b) throws Exception;
  }

  /** A serializable method reference of three arguments. */
  @FunctionalInterface
  public interface Fn3<A, B, C, R> extends Serializable {
    R apply(A a, B b, C c) throws Exception;
  }

  /** A serializable method reference of four arguments. */
  @FunctionalInterface
  public interface Fn4<A, B, C, D, R> extends Serializable {
    R apply(A a, B b, C c, D d) throws Exception;
  }

  /** Calls {@code fn()} asynchronously. */
  public static <R> CompletableFuture<R> async(Fn0<R> fn) {
    return start(fn, new Object[0], fn::apply);
  }

  /** Calls {@code fn(a)} asynchronously. */
  public static <A, R> CompletableFuture<R> async(Fn1<A, R> fn, A a) {
    return start(fn, new Object[] {a}, () -> fn.apply(a));
  }

  /** Calls {@code fn(a, b)} asynchronously. */
  public static <A, B, R> CompletableFuture<R> async(Fn2<A, B, R> fn, A a, B b) {
    return start(fn, new Object[] {a, b}, () -> fn.apply(a, b));
  }

  /** Calls {@code fn(a, b, c)} asynchronously. */
  public static <A, B, C, R> CompletableFuture<R> async(Fn3<A, B, C, R> fn, A a, B b, C c) {
    return start(fn, new Object[] {a, b, c}, () -> fn.apply(a, b, c));
  }

  /** Calls {@code fn(a, b, c, d)} asynchronously. */
  public static <A, B, C, D, R> CompletableFuture<R> async(
      Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return start(fn, new Object[] {a, b, c, d}, () -> fn.apply(a, b, c, d));
  }

  private static <R> CompletableFuture<R> start(
      Serializable fn, Object[] explicitArgs, Callable<R> local) {
    Optional<AsyncDispatcher> dispatcher =
        AsyncDispatchers.forLoader(fn.getClass().getClassLoader());
    if (dispatcher.isPresent()) {
      Optional<SerializedLambda> lambda = MethodReferences.serializedForm(fn);
      if (lambda.isPresent()) {
        SerializedLambda l = lambda.get();
        Object[] arguments = new Object[l.getCapturedArgCount() + explicitArgs.length];
        for (int i = 0; i < l.getCapturedArgCount(); i++) {
          arguments[i] = l.getCapturedArg(i);
        }
        System.arraycopy(explicitArgs, 0, arguments, l.getCapturedArgCount(), explicitArgs.length);
        AsyncTarget target = MethodReferences.target(fn).orElseThrow();
        return dispatcher.get().dispatch(target, arguments, local);
      }
    }
    return runLocally(local);
  }

  /**
   * Creates a remote object: under Farcall on a worker (see {@link RemoteRef} for ordering and
   * failures), under plain {@code java} in this JVM behind the same interface. Pass a constructor
   * reference ({@code Counter::new}). Under Farcall a type whose methods have I/O or write global
   * state is refused here, with the analysis' reason, as {@link IllegalArgumentException}.
   *
   * @throws RemoteObjectLostException of cause CONSTRUCTOR_FAILED when the constructor threw
   */
  public static <T> RemoteRef<T> remote(Fn0<T> constructor) {
    return remote(RemoteOptions.defaults(), constructor);
  }

  /** Creates a remote object with one constructor argument. */
  public static <A, T> RemoteRef<T> remote(Fn1<A, T> constructor, A a) {
    return remote(RemoteOptions.defaults(), constructor, a);
  }

  /** Creates a remote object with two constructor arguments. */
  public static <A, B, T> RemoteRef<T> remote(Fn2<A, B, T> constructor, A a, B b) {
    return remote(RemoteOptions.defaults(), constructor, a, b);
  }

  /** Creates a remote object with options. */
  public static <T> RemoteRef<T> remote(RemoteOptions options, Fn0<T> constructor) {
    return create(options, constructor, new Object[0], constructor::apply);
  }

  /** Creates a remote object with options and one constructor argument. */
  public static <A, T> RemoteRef<T> remote(RemoteOptions options, Fn1<A, T> constructor, A a) {
    return create(options, constructor, new Object[] {a}, () -> constructor.apply(a));
  }

  /** Creates a remote object with options and two constructor arguments. */
  public static <A, B, T> RemoteRef<T> remote(
      RemoteOptions options, Fn2<A, B, T> constructor, A a, B b) {
    return create(options, constructor, new Object[] {a, b}, () -> constructor.apply(a, b));
  }

  private static <T> RemoteRef<T> create(
      RemoteOptions options, Serializable constructor, Object[] arguments, Callable<T> local) {
    Optional<AsyncDispatcher> dispatcher =
        AsyncDispatchers.forLoader(constructor.getClass().getClassLoader());
    if (dispatcher.isPresent()) {
      Optional<AsyncTarget> target = MethodReferences.target(constructor);
      if (target.isPresent() && target.get().methodName().equals("<init>")) {
        Optional<RemoteRef<T>> remote =
            dispatcher.get().remote(target.get(), arguments, options, local);
        if (remote.isPresent()) {
          return remote.get();
        }
      }
    }
    return LocalRef.create(local, LocalPool.EXECUTOR);
  }

  private static <R> CompletableFuture<R> runLocally(Callable<R> call) {
    CompletableFuture<R> future = new CompletableFuture<>();
    LocalPool.EXECUTOR.execute(
        () -> {
          try {
            future.complete(call.call());
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    return future;
  }

  /** The local executor, created on first use: daemon threads, never the common pool. */
  private static final class LocalPool {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ThreadFactory FACTORY =
        r -> {
          Thread t = new Thread(r, "farcall-async-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    static final ExecutorService EXECUTOR =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), FACTORY);
  }
}
