package dev.farcall.dispatch;

import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import dev.farcall.model.wire.ObjectCall;
import dev.farcall.model.wire.ObjectOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  public CompletableFuture<InvocationOutcome> invoke(RemoteCall call, int maxCallsPerRequest) {
    if (call.arguments().size() != 1) {
      throw new IllegalArgumentException("invoke takes one call; use invokeBatch");
    }
    return start(call, maxCallsPerRequest).get(0);
  }

  @Override
  public List<CompletableFuture<InvocationOutcome>> invokeBatch(RemoteCall call) {
    return start(call, CallLanes.MAX_CALLS_PER_REQUEST);
  }

  private List<CompletableFuture<InvocationOutcome>> start(
      RemoteCall call, int maxCallsPerRequest) {
    if (maxCallsPerRequest < 1) {
      throw new IllegalArgumentException("maxCallsPerRequest must be at least 1");
    }
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
    lanes.add(batch, maxCallsPerRequest);
    return futures;
  }

  /**
   * Sends one call of a remote object, at most once, on the caller's thread: calls a thread makes
   * to one object reach its worker's object partition in the order it made them. A CREATE goes to
   * {@code route.worker()} (or the least loaded ALIVE worker other than {@code route.exclude()});
   * CALL and CLOSE go to the owner's object partition. When the owner is not ALIVE the future fails
   * at once with {@link WorkerLostException}; when it stops being ALIVE while the call is out, the
   * sweeper fails it so.
   *
   * @param call the call (one argument payload); sent {@link RemoteCall.Delivery#AT_MOST_ONCE}
   * @param object the object, its incarnation and the operation
   * @param route where to send it
   */
  public CompletableFuture<InvocationOutcome> invokeObject(
      RemoteCall call, ObjectCall object, ObjectRoute route) {
    if (!running) {
      throw new DispatchUnavailableException("-", "the dispatcher is not running", null);
    }
    if (call.arguments().size() != 1) {
      throw new IllegalArgumentException("an object call takes one argument payload");
    }
    String id = ids.next();
    Optional<Target> target =
        object.getOp() == ObjectOp.CREATE && route.worker() == null
            ? chooser.chooseAlive(route.exclude())
            : chooser.objectPartition(route.worker());
    if (target.isEmpty()) {
      CompletableFuture<InvocationOutcome> failed = new CompletableFuture<>();
      failed.completeExceptionally(
          route.worker() != null && object.getOp() != ObjectOp.CREATE
              ? new WorkerLostException(id, route.worker())
              : new DispatchUnavailableException(
                  id,
                  route.worker() == null
                      ? "no live worker to create the object on"
                      : "worker " + route.worker() + " is not alive",
                  null));
      return failed;
    }
    pending.reserve(1);
    Pending p =
        new Pending(
            id,
            call.withDelivery(RemoteCall.Delivery.AT_MOST_ONCE),
            call.arguments().get(0),
            System.nanoTime(),
            object);
    p.sent(target.get(), System.currentTimeMillis());
    pending.add(p);
    listener.sent(1);
    chooser.add(target.get(), 1);
    sender.send(List.of(p), target.get(), 1);
    return p.future;
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
