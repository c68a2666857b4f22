package dev.farcall.driver.sites;

import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a remote call's outcome up to its deadline. On a {@link ForkJoinPool} thread it waits
 * through {@link ForkJoinPool#managedBlock}, so that the pool makes up for the blocked thread and a
 * parallel stream keeps every core busy while its calls are out.
 */
final class RemoteWait {

  private RemoteWait() {}

  static InvocationOutcome await(CompletableFuture<InvocationOutcome> future, Deadline deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    Clock clock = Clock.systemUTC();
    if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
      ForkJoinPool.managedBlock(
          new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
              long left = deadline.remaining(clock).toMillis();
              if (left > 0) {
                try {
                  future.get(left, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException | CancellationException e) {
                  // looked at below
                }
              }
              return true;
            }

            @Override
            public boolean isReleasable() {
              return future.isDone() || deadline.passed(clock);
            }
          });
      if (!future.isDone()) {
        throw new TimeoutException();
      }
      return future.get();
    }
    return future.get(deadline.remaining(clock).toMillis(), TimeUnit.MILLISECONDS);
  }
}
