package dev.farcall.api.spi;

import dev.farcall.api.RemoteOptions;
import dev.farcall.api.RemoteRef;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * What a Farcall run installs so that {@code Farcall.async} calls of its program dispatch like a
 * remote call site. Implemented by the coordinator's run driver; programs never implement it.
 */
public interface AsyncDispatcher {

  /**
   * Starts one asynchronous call of the method a serializable method reference points at.
   *
   * @param target the method, as the JVM names it (from the reference's {@code SerializedLambda})
   * @param arguments the arguments of {@code target} in order: the reference's captured values
   *     (e.g. a bound receiver) followed by the arguments given to {@code async}
   * @param local runs the call at home; the dispatcher uses it when the method may not move, or
   *     when no worker answers in time
   * @return a future completed with the method's result or with the exception it threw
   */
  <R> CompletableFuture<R> dispatch(AsyncTarget target, Object[] arguments, Callable<R> local);

  /**
   * Creates a remote object of the run.
   *
   * @param constructor the constructor (method name {@code <init>}) the reference points at
   * @param arguments its arguments
   * @param options placement, restarts and call timeout
   * @param local constructs the object at home
   * @return the handle, or empty to have the object live at home (a local handle)
   * @throws IllegalArgumentException when the type may not live remotely (the reason says why)
   */
  default <T> Optional<RemoteRef<T>> remote(
      AsyncTarget constructor, Object[] arguments, RemoteOptions options, Callable<T> local) {
    return Optional.empty();
  }
}
