package dev.farcall.api;

import java.util.concurrent.CompletableFuture;

/**
 * A handle to one object that lives in one place (on a worker under Farcall, in this JVM under
 * plain {@code java}) and is called by reference: its state stays where it lives, only arguments
 * and results travel.
 *
 * <p>Ordering: the calls of one object run one at a time; the calls one thread makes run in the
 * order it made them (per-caller FIFO); calls of different threads interleave. Delivery is
 * at-most-once: a call whose object was lost fails with {@link RemoteObjectLostException} and is
 * never run twice. Pass unbound method references of the object's type ({@code Counter::add}).
 *
 * @param <T> the object's type
 */
public interface RemoteRef<T> extends AutoCloseable {

  /** The object's id (unique within its Farcall installation). */
  String id();

  /** Calls {@code method} on the object; the future completes with its result or exception. */
  <R> CompletableFuture<R> call(Method0<T, R> method);

  /** Calls {@code method(a)} on the object. */
  <A, R> CompletableFuture<R> call(Method1<T, A, R> method, A a);

  /** Calls {@code method(a, b)} on the object. */
  <A, B, R> CompletableFuture<R> call(Method2<T, A, B, R> method, A a, B b);

  /** Calls a method returning nothing. */
  <A> CompletableFuture<Void> run(Procedure1<T, A> method, A a);

  /** Calls {@code method} and waits: returns its result or throws exactly what it threw. */
  default <R> R get(Method0<T, R> method) {
    return Waiting.join(call(method));
  }

  /** Calls {@code method(a)} and waits: returns its result or throws exactly what it threw. */
  default <A, R> R get(Method1<T, A, R> method, A a) {
    return Waiting.join(call(method, a));
  }

  /** Calls {@code method(a, b)} and waits. */
  default <A, B, R> R get(Method2<T, A, B, R> method, A a, B b) {
    return Waiting.join(call(method, a, b));
  }

  /**
   * Ends the object: calls already made still run, later calls fail with {@link
   * RemoteObjectLostException} of cause {@link RemoteObjectLostException.Cause#CLOSED}.
   */
  @Override
  void close();

  /** An unbound, serializable reference to a method of the object without arguments. */
  @FunctionalInterface
  interface Method0<T, R> extends java.io.Serializable {
    R apply(T self) throws Exception;
  }

  /** An unbound, serializable reference to a method of the object of one argument. */
  @FunctionalInterface
  interface Method1<T, A, R> extends java.io.Serializable {
    R apply(T self, A a) throws Exception;
  }

  /** An unbound, serializable reference to a method of the object of two arguments. */
  @FunctionalInterface
  interface Method2<T, A, B, R> extends java.io.Serializable {
    R apply(T self, A a, B b) throws Exception;
  }

  /** An unbound, serializable reference to a void method of the object of one argument. */
  @FunctionalInterface
  interface Procedure1<T, A> extends java.io.Serializable {
    void apply(T self, A a) throws Exception;
  }
}
