package dev.farcall.dispatch;

import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The dispatch core: sends calls to workers and gives every caller exactly one outcome. Used by the
 * run driver (a run's remote call sites) and by the coordinator (REST invocations), each with its
 * own {@link ReplyAddress}.
 *
 * <p>Calls go out as requests to a partition of the ALIVE worker with the fewest of this
 * dispatcher's outstanding calls per slot ({@link PartitionChooser}); when no worker is alive, to
 * any partition (a worker that joins later consumes it), and the deadline decides. Calls of one
 * method made while a request of it is in flight travel together ({@link CallLanes}). Every call
 * waits in the bounded {@link PendingTable} until the first reply with its invocation id; later
 * replies with the same id are counted and dropped. The {@link ResendSweeper} resends calls whose
 * worker was lost and expires calls whose deadline passed.
 *
 * <p>Lifecycle: {@link #start()} before the first call (it resolves the reply positions, so no
 * reply to a later call can be skipped), {@link #stop()} fails whatever is still pending.
 */
public final class CallDispatcher implements RemoteInvoker {

  private final PartitionChooser chooser;
  private final PendingTable pending;
  private final RequestSender sender;
  private final CallLanes lanes;
  private final ResendSweeper sweeper;
  private final ReplyListener replies;
  private final DispatchListener listener;
  private final InvocationIds ids = new InvocationIds();
  private final int maxPayloadBytes;
  private volatile boolean running;

  public CallDispatcher(
      DispatchSettings settings,
      DispatchChannels channels,
      WorkerRegistry registry,
      Clock clock,
      DispatchListener listener) {
    this.listener = listener;
    this.maxPayloadBytes = settings.maxPayloadBytes();
    this.chooser = new PartitionChooser(registry, channels.partitionCount());
    this.pending = new PendingTable(settings, chooser, listener);
    this.sender = new RequestSender(channels, pending, clock);
    this.lanes = new CallLanes(chooser, sender, clock);
    this.sweeper = new ResendSweeper(settings, pending, registry, chooser, sender, clock, listener);
    this.replies =
        new ReplyListener(
            channels.bootstrapServers(),
            channels.replies(),
            channels.clientId() + "-replies",
            pending::settle,
            listener::malformedReply);
    registry.addListener(
        (workerId, previous, current) -> {
          chooser.workersChanged();
          if (current != WorkerStatus.ALIVE) {
            sweeper.requestSweep();
          }
        });
  }

  @Override
  public CompletableFuture<InvocationOutcome> invoke(RemoteCall call) {
    if (call.arguments().size() != 1) {
      throw new IllegalArgumentException("invoke takes one call; use invokeBatch");
    }
    return invokeBatch(call).get(0);
  }

  @Override
  public List<CompletableFuture<InvocationOutcome>> invokeBatch(RemoteCall call) {
    if (!running) {
      throw new DispatchUnavailableException("-", "the dispatcher is not running", null);
    }
    int calls = call.arguments().size();
    for (byte[] arguments : call.arguments()) {
      if (arguments.length > maxPayloadBytes) {
        throw CallTooLargeException.arguments(arguments.length, maxPayloadBytes);
      }
    }
    pending.reserve(calls);
    long startNanos = System.nanoTime();
    List<Pending> batch = new ArrayList<>(calls);
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>(calls);
    for (byte[] arguments : call.arguments()) {
      Pending p = new Pending(ids.next(), call, arguments, startNanos);
      batch.add(p);
      futures.add(p.future);
    }
    for (Pending p : batch) {
      pending.add(p);
    }
    listener.sent(calls);
    lanes.add(batch);
    return futures;
  }

  /** How many calls are in flight. */
  public int pendingCount() {
    return pending.size();
  }

  /** Sweeps now: expires and resends (tests and a worker's status change). */
  void sweep() {
    sweeper.sweep();
  }

  /** Starts reading replies and sweeping; calls may be made once this returns. */
  public synchronized void start() {
    if (running) {
      return;
    }
    pending.start();
    lanes.start();
    replies.start();
    sender.replyPartition(replies.requestedPartition());
    sweeper.start();
    running = true;
  }

  /** Stops; every call still pending fails with {@link DispatchUnavailableException}. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    replies.stop();
    sweeper.stop();
    lanes.stop();
    pending.failAll("the dispatcher is shutting down");
    pending.stop();
  }

  /** Whether calls may be made. */
  public boolean isRunning() {
    return running;
  }
}
