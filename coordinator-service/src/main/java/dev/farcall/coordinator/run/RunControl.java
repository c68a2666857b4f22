package dev.farcall.coordinator.run;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a run is asked to stop (exit, cancel, deadline), shared by the driver, the dispatcher and the
 * hooks in the program's code. The first stop wins; later ones change nothing.
 */
final class RunControl {

  private volatile RunAbort stop;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

  /** Records {@code System.exit(status)}; the first stop wins. */
  void recordExit(int status) {
    stopWith(new RunAbort.Exit(status));
  }

  /** Cancels the run: new dispatches fail, pending remote calls are failed. */
  void cancel(String reason) {
    stopWith(new RunAbort.Cancelled(reason));
  }

  private synchronized void stopWith(RunAbort signal) {
    if (stop == null) {
      stop = signal;
      for (CompletableFuture<?> f : pending) {
        f.completeExceptionally(new CancellationException(signal.getMessage()));
      }
      pending.clear();
      notifyAll();
    }
  }

  /** Throws the stop signal if the run is stopping. */
  void checkActive() {
    RunAbort s = stop;
    if (s != null) {
      throw s;
    }
  }

  /** The stop signal, or {@code null} while the run goes on. */
  RunAbort stopSignal() {
    return stop;
  }

  /** Tracks a remote call so that a stop fails it; false if the run is already stopping. */
  synchronized boolean track(CompletableFuture<?> call) {
    if (stop != null) {
      return false;
    }
    pending.add(call);
    return true;
  }

  void untrack(CompletableFuture<?> call) {
    pending.remove(call);
  }

  /** Waits up to {@code millis} for a stop. */
  synchronized void awaitStop(long millis) throws InterruptedException {
    if (stop == null && millis > 0) {
      wait(millis);
    }
  }
}
