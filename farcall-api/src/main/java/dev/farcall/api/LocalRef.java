package dev.farcall.api;

import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A remote object under plain {@code java}: the object lives in this JVM and its calls run on the
 * local pool under the same rules as remotely (one at a time, each thread's calls in the order it
 * made them), so a program prints the same either way.
 */
final class LocalRef<T> implements RemoteRef<T> {

  private final String id = "local-" + UUID.randomUUID();
  private final T object;
  private final Executor pool;
  // Guarded by this: calls waiting, whether one is running, whether the object was closed.
  private final ArrayDeque<Runnable> mailbox = new ArrayDeque<>();
  private boolean running;
  private boolean closed;

  LocalRef(T object, Executor pool) {
    this.object = object;
    this.pool = pool;
  }

  /** Constructs the object here; a constructor that throws fails like a remote one. */
  static <T> LocalRef<T> create(Callable<T> constructor, Executor pool) {
    T object;
    try {
      object = constructor.call();
    } catch (Exception e) {
      throw new RemoteObjectLostException(
          "local",
          RemoteObjectLostException.Cause.CONSTRUCTOR_FAILED,
          false,
          "the constructor threw " + e,
          e);
    }
    return new LocalRef<>(object, pool);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public <R> CompletableFuture<R> call(Method0<T, R> method) {
    return submit(() -> method.apply(object));
  }

  @Override
  public <A, R> CompletableFuture<R> call(Method1<T, A, R> method, A a) {
    return submit(() -> method.apply(object, a));
  }

  @Override
  public <A, B, R> CompletableFuture<R> call(Method2<T, A, B, R> method, A a, B b) {
    return submit(() -> method.apply(object, a, b));
  }

  @Override
  public <A> CompletableFuture<Void> run(Procedure1<T, A> method, A a) {
    return submit(
        () -> {
          method.apply(object, a);
          return null;
        });
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
  }

  private <R> CompletableFuture<R> submit(Callable<R> call) {
    CompletableFuture<R> future = new CompletableFuture<>();
    Runnable task =
        () -> {
          try {
            future.complete(call.call());
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        };
    boolean start;
    synchronized (this) {
      if (closed) {
        future.completeExceptionally(
            new RemoteObjectLostException(
                id, RemoteObjectLostException.Cause.CLOSED, "the object was closed"));
        return future;
      }
      mailbox.add(task);
      start = !running;
      running = true;
    }
    if (start) {
      pool.execute(this::drain);
    }
    return future;
  }

  /** Runs queued calls one after another until none is left. */
  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = mailbox.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      next.run();
    }
  }
}
