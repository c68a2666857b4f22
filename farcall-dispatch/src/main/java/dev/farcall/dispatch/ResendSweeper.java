package dev.farcall.dispatch;

import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after the calls in flight, every {@code sweepInterval} and at once when a worker's status
 * changes: a call whose deadline passed fails with {@link DeadlineExceededException}; a call whose
 * worker turned SUSPECT or DEAD, or whose attempt timed out, is sent again with the same invocation
 * id and the next attempt number to another ALIVE worker, up to {@code maxAttempts} sends, when its
 * delivery allows it; an at-most-once call whose worker is DEAD fails with {@link
 * WorkerLostException} instead.
 */
final class ResendSweeper {

  private static final Logger log = LoggerFactory.getLogger(ResendSweeper.class);

  private final DispatchSettings settings;
  private final PendingTable pending;
  private final WorkerRegistry registry;
  private final PartitionChooser chooser;
  private final RequestSender sender;
  private final Clock clock;
  private final DispatchListener listener;
  private final AtomicBoolean sweepRequested = new AtomicBoolean();
  private volatile ScheduledExecutorService sweeper;

  ResendSweeper(
      DispatchSettings settings,
      PendingTable pending,
      WorkerRegistry registry,
      PartitionChooser chooser,
      RequestSender sender,
      Clock clock,
      DispatchListener listener) {
    this.settings = settings;
    this.pending = pending;
    this.registry = registry;
    this.chooser = chooser;
    this.sender = sender;
    this.clock = clock;
    this.listener = listener;
  }

  void start() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(DispatchThreads.daemon("farcall-sweeper-"));
    long period = settings.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  void stop() {
    sweeper.shutdownNow();
  }

  /** Sweeps soon, on the sweeper's thread (a worker's status changed). */
  void requestSweep() {
    ScheduledExecutorService s = sweeper;
    if (s != null && sweepRequested.compareAndSet(false, true)) {
      try {
        s.execute(this::sweep);
      } catch (RejectedExecutionException stopped) {
        sweepRequested.set(false);
      }
    }
  }

  /** Fails expired calls and resends calls whose worker is not ALIVE or whose attempt timed out. */
  void sweep() {
    sweepRequested.set(false);
    try {
      long now = clock.millis();
      long attemptTimeout = settings.attemptTimeout().toMillis();
      // Calls to resend, grouped so that the calls of one dispatch on one worker stay one batch.
      Map<RetryGroup, List<Pending>> retries = new LinkedHashMap<>();
      for (Pending p : pending.calls()) {
        if (now >= p.deadlineEpochMillis()) {
          listener.deadlineExpired();
          pending.fail(
              p, new DeadlineExceededException(p.invocationId, p.call.deadline(), p.attempt()));
          continue;
        }
        int attempt = p.attempt();
        if (attempt == 0) {
          continue; // not sent yet: its lane sends it
        }
        Target target = p.target();
        WorkerStatus status =
            target.workerId() == null
                ? WorkerStatus.ALIVE
                : registry.status(target.workerId()).orElse(WorkerStatus.DEAD);
        // A remote object's worker is lost only once DEAD: a SUSPECT worker (a long GC pause)
        // still holds the object, and giving up on it would lose the object for good.
        boolean workerLost =
            p.object != null ? status == WorkerStatus.DEAD : status != WorkerStatus.ALIVE;
        boolean timedOut = now - p.attemptStartedMillis() >= attemptTimeout;
        if (p.call.delivery() == RemoteCall.Delivery.AT_MOST_ONCE) {
          // Only a DEAD worker: a SUSPECT one (a late heartbeat on a busy machine) may still
          // answer, and telling its caller "may or may not have run" would be premature.
          boolean workerDead =
              target.workerId() != null
                  && registry.status(target.workerId()).orElse(WorkerStatus.DEAD)
                      == WorkerStatus.DEAD;
          if (workerDead) {
            pending.fail(p, new WorkerLostException(p.invocationId, target.workerId()));
          }
          continue; // never sent twice: it waits for its worker's reply or its deadline
        }
        if (attempt >= settings.maxAttempts()) {
          continue; // no attempts left: the deadline decides
        }
        if (workerLost || timedOut) {
          retries
              .computeIfAbsent(new RetryGroup(p.call, target, attempt), k -> new ArrayList<>())
              .add(p);
        }
      }
      retries.forEach((group, calls) -> resend(group, calls, now));
    } catch (RuntimeException e) {
      log.error("Sweep failed", e);
    }
  }

  private record RetryGroup(RemoteCall call, Target from, int attempt) {}

  private void resend(RetryGroup group, List<Pending> calls, long now) {
    Optional<Target> to = chooser.chooseAlive(group.from().workerId());
    if (to.isEmpty()) {
      return; // nobody else is alive: keep waiting, a worker may come back or join
    }
    List<Pending> moved = new ArrayList<>(calls.size());
    for (Pending p : calls) {
      synchronized (p) {
        if (!p.isFinished() && p.attempt() == group.attempt()) {
          p.sent(to.get(), now);
          moved.add(p);
        }
      }
    }
    if (moved.isEmpty()) {
      return;
    }
    chooser.remove(group.from(), moved.size());
    chooser.add(to.get(), moved.size());
    listener.resent(moved.size());
    log.debug(
        "Resending {} call(s) from worker {} to {} (attempt {})",
        moved.size(),
        group.from().workerId(),
        to.get().workerId(),
        group.attempt() + 1);
    sender.send(moved, to.get(), group.attempt() + 1);
  }
}
