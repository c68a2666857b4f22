package dev.farcall.dispatch;

import dev.farcall.model.wire.InvocationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in flight, each from its first send until its first reply, its failure or its deadline;
 * later replies with the same invocation id are counted and dropped. Bounded: a caller beyond
 * {@code maxPending} is refused. Futures are completed on the table's own completion threads, never
 * on Kafka's.
 */
final class PendingTable {

  private static final Logger log = LoggerFactory.getLogger(PendingTable.class);

  // Replies of one poll completed per completion task, at least; small polls stay one task.
  private static final int COMPLETION_CHUNK = 64;

  private final Map<String, Pending> pending = new ConcurrentHashMap<>(1 << 12);
  private final AtomicInteger count = new AtomicInteger();
  private final DispatchSettings settings;
  private final PartitionChooser chooser;
  private final DispatchListener listener;
  private volatile ExecutorService completions;

  PendingTable(DispatchSettings settings, PartitionChooser chooser, DispatchListener listener) {
    this.settings = settings;
    this.chooser = chooser;
    this.listener = listener;
  }

  void start() {
    completions =
        Executors.newFixedThreadPool(
            settings.completionThreads(), DispatchThreads.daemon("farcall-completion-"));
  }

  /**
   * Takes room for {@code calls} more calls.
   *
   * @throws OverloadedException if the table cannot take them all
   */
  void reserve(int calls) {
    if (count.addAndGet(calls) > settings.maxPending()) {
      count.addAndGet(-calls);
      throw new OverloadedException(settings.maxPending());
    }
  }

  void add(Pending p) {
    pending.put(p.invocationId, p);
  }

  int size() {
    return count.get();
  }

  Collection<Pending> calls() {
    return pending.values();
  }

  /**
   * Takes the replies of one poll: completes their calls' futures in a few tasks on the completion
   * threads rather than one task per reply.
   */
  void settle(List<InvocationResult> results) {
    List<Runnable> done = new ArrayList<>(results.size());
    for (InvocationResult result : results) {
      try {
        Runnable completion = settle(result);
        if (completion != null) {
          done.add(completion);
        }
      } catch (RuntimeException e) {
        log.error("Failed to handle reply to {}", result.getInvocationId(), e);
      }
    }
    if (done.isEmpty()) {
      return;
    }
    int threads = settings.completionThreads();
    int chunk = Math.max(COMPLETION_CHUNK, (done.size() + threads - 1) / threads);
    for (int from = 0; from < done.size(); from += chunk) {
      List<Runnable> part = done.subList(from, Math.min(done.size(), from + chunk));
      onCompletionThread(() -> part.forEach(Runnable::run));
    }
  }

  /** Settles one reply's call; returns how to complete its future, or null for a duplicate. */
  private Runnable settle(InvocationResult result) {
    Pending p = pending.remove(result.getInvocationId());
    if (p == null) {
      listener.duplicateReply();
      return null;
    }
    Target last = p.finish();
    if (last == null) {
      listener.duplicateReply();
      return null;
    }
    count.decrementAndGet();
    chooser.remove(last, 1);
    long micros = (System.nanoTime() - p.startNanos) / 1_000;
    listener.answered(micros);
    InvocationOutcome outcome = new InvocationOutcome(p.invocationId, result, p.attempt(), micros);
    return () -> p.future.complete(outcome);
  }

  /** Fails a call that is still pending; does nothing if it was settled meanwhile. */
  void fail(Pending p, RuntimeException error) {
    if (!pending.remove(p.invocationId, p)) {
      return;
    }
    Target last = p.finish();
    if (last == null) {
      return;
    }
    count.decrementAndGet();
    chooser.remove(last, 1);
    onCompletionThread(() -> p.future.completeExceptionally(error));
  }

  /** Fails every pending call; used when the dispatcher stops. */
  void failAll(String reason) {
    for (Pending p : List.copyOf(pending.values())) {
      fail(p, new DispatchUnavailableException(p.invocationId, reason, null));
    }
  }

  void stop() {
    completions.shutdown();
    try {
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onCompletionThread(Runnable completion) {
    try {
      completions.execute(completion);
    } catch (RejectedExecutionException | NullPointerException stopped) {
      completion.run(); // the dispatcher is stopping: complete here rather than never
    }
  }
}
