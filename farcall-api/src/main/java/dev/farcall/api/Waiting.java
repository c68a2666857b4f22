package dev.farcall.api;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waits for a remote object's call and rethrows exactly what the method threw. */
final class Waiting {

  private Waiting() {}

  static <R> R join(CompletableFuture<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw Waiting.<RuntimeException>sneaky(e.getCause());
    } catch (CompletionException e) {
      throw Waiting.<RuntimeException>sneaky(e.getCause());
    } catch (CancellationException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a remote object's call");
    }
  }

  // A checked exception of the object's method reaches the caller as itself, as a direct call's
  // would (the method reference's signature declared it).
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
