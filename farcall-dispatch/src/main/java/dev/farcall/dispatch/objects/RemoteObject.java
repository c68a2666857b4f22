package dev.farcall.dispatch.objects;

import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteObjectLostException.Cause;
import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.DeadlineExceededException;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.ObjectRoute;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.WorkerLostException;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ObjectCall;
import dev.farcall.model.wire.ObjectOp;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caller's handle of one remote object and its life: ALIVE on its owner worker; RESTARTING
 * after the owner was lost while restarts remain (the constructor runs again elsewhere, state
 * starts fresh; calls made meanwhile wait, in order, and are sent once it is back); LOST or CLOSED
 * for good. Calls are sent at most once: a call in flight when the owner is lost fails with {@link
 * RemoteObjectLostException} (saying whether the object's state was lost to a restart) and is never
 * sent again.
 */
public final class RemoteObject {

  /** Where an object is in its life. */
  public enum State {
    ALIVE,
    RESTARTING,
    LOST,
    CLOSED
  }

  // A call that found another worker on the owner's partition (after a rebalance) is sent again
  // this many times: it did not run there, so sending it again keeps it at most once.
  private static final int MAX_REROUTES = 3;

  private final String id;
  private final ObjectSpec spec;
  private final CallDispatcher dispatcher;
  private final AtomicLong calls = new AtomicLong();
  // Guarded by this.
  private String owner;
  private int incarnation;
  private int restarts;
  private State state = State.ALIVE;
  private Cause lastFailure;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** A call made while the object restarts: sent, in order, once it is back. */
  private record Waiting(
      MethodRef method,
      long fingerprint,
      byte[] arguments,
      Deadline deadline,
      CompletableFuture<InvocationOutcome> future) {}

  RemoteObject(String id, ObjectSpec spec, CallDispatcher dispatcher, String owner) {
    this.id = id;
    this.spec = spec;
    this.dispatcher = dispatcher;
    this.owner = owner;
    this.incarnation = 1;
  }

  /** The object's id. */
  public String id() {
    return id;
  }

  /** What it was made from. */
  public ObjectSpec spec() {
    return spec;
  }

  /** The worker holding it now (or last). */
  public synchronized String owner() {
    return owner;
  }

  synchronized int incarnationNow() {
    return incarnation;
  }

  /** Where it is in its life. */
  public synchronized State state() {
    return state;
  }

  /** What the caller knows of it. */
  public synchronized ObjectInfo info() {
    return new ObjectInfo(
        id,
        spec.programId(),
        spec.className(),
        spec.runId(),
        owner,
        state.name(),
        calls.get(),
        restarts,
        Optional.ofNullable(lastFailure).map(Enum::name));
  }

  /**
   * Calls a method of the object (sent at once on this thread unless the object restarts).
   *
   * @return the worker's outcome (a returned value or the method's exception); exceptionally a
   *     {@link RemoteObjectLostException}, or a {@link DeadlineExceededException} after the call
   *     timeout
   */
  public CompletableFuture<InvocationOutcome> call(
      MethodRef method, long fingerprint, byte[] arguments) {
    calls.incrementAndGet();
    Deadline deadline = Deadline.in(spec.options().callTimeout());
    CompletableFuture<InvocationOutcome> future = new CompletableFuture<>();
    String to;
    int which;
    synchronized (this) {
      switch (state) {
        case LOST, CLOSED -> {
          future.completeExceptionally(lost(lastFailure, false, "it is " + state));
          return future;
        }
        case RESTARTING -> {
          waiting.add(new Waiting(method, fingerprint, arguments, deadline, future));
          return future;
        }
        default -> {
          to = owner;
          which = incarnation;
        }
      }
    }
    send(method, fingerprint, arguments, deadline, future, to, which, 0);
    return future;
  }

  private void send(
      MethodRef method,
      long fingerprint,
      byte[] arguments,
      Deadline deadline,
      CompletableFuture<InvocationOutcome> future,
      String to,
      int which,
      int reroutes) {
    CompletableFuture<InvocationOutcome> sent;
    try {
      sent =
          dispatcher.invokeObject(
              remoteCall(method, fingerprint, arguments, deadline),
              objectCall(which, ObjectOp.CALL),
              ObjectRoute.owner(to));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return;
    }
    sent.whenComplete(
        (outcome, error) -> {
          if (error != null) {
            Throwable e = error instanceof CompletionException c ? c.getCause() : error;
            if (e instanceof WorkerLostException) {
              boolean restarting = ownerLost(to, which, Cause.WORKER_LOST);
              future.completeExceptionally(
                  lost(Cause.WORKER_LOST, restarting, "worker " + to + " was lost"));
            } else {
              future.completeExceptionally(e);
            }
            return;
          }
          if (!(outcome.result().getOutcome() instanceof InvocationError err)) {
            future.complete(outcome);
            return;
          }
          switch (err.getCode()) {
            case OBJECT_NOT_FOUND -> {
              if (reroutes < MAX_REROUTES && !to.contentEquals(outcome.result().getWorkerId())) {
                send(method, fingerprint, arguments, deadline, future, to, which, reroutes + 1);
              } else {
                boolean restarting = ownerLost(to, which, Cause.WORKER_LOST);
                future.completeExceptionally(
                    lost(Cause.WORKER_LOST, restarting, "worker " + to + " no longer holds it"));
              }
            }
            case OBJECT_CLOSED -> {
              ended(State.CLOSED, Cause.CLOSED);
              future.completeExceptionally(lost(Cause.CLOSED, false, "it was closed"));
            }
            case OBJECT_OWNER_RUN_ENDED -> {
              ended(State.LOST, Cause.OWNER_RUN_ENDED);
              future.completeExceptionally(
                  lost(Cause.OWNER_RUN_ENDED, false, "the run that created it ended"));
            }
            case OBJECT_OUT_OF_MEMORY -> {
              boolean restarting = ownerLost(to, which, Cause.OUT_OF_MEMORY);
              future.completeExceptionally(
                  lost(Cause.OUT_OF_MEMORY, restarting, err.getMessage().toString()));
            }
            default -> future.complete(outcome);
          }
        });
  }

  /**
   * The owner of incarnation {@code which} was lost: restart if restarts remain, else the object is
   * lost. Only the first report of one incarnation's loss counts.
   *
   * @return whether the object is being (or was) recreated with fresh state
   */
  boolean ownerLost(String worker, int which, Cause cause) {
    synchronized (this) {
      if (which != incarnation || !worker.equals(owner)) {
        return restarts > 0; // an older incarnation's loss: already handled
      }
      if (state != State.ALIVE) {
        return state == State.RESTARTING;
      }
      lastFailure = cause;
      if (restarts >= spec.options().maxRestarts()) {
        state = State.LOST;
        failWaiting(lost(cause, false, "no restarts left"));
        return false;
      }
      state = State.RESTARTING;
    }
    restart(worker, Deadline.in(spec.options().callTimeout()));
    return true;
  }

  private void restart(String from, Deadline deadline) {
    int next;
    synchronized (this) {
      next = incarnation + 1;
    }
    CompletableFuture<InvocationOutcome> created;
    try {
      created =
          dispatcher.invokeObject(
              remoteCall(spec.constructor(), spec.fingerprint(), spec.arguments(), deadline),
              objectCall(next, ObjectOp.CREATE),
              ObjectRoute.anyBut(from));
    } catch (RuntimeException e) {
      created = CompletableFuture.failedFuture(e);
    }
    created.whenComplete(
        (outcome, error) -> {
          boolean ok =
              error == null
                  && !(outcome.result().getOutcome() instanceof InvocationError)
                  && !(outcome.result().getOutcome()
                      instanceof dev.farcall.model.wire.ThrownException);
          if (!ok && error != null && !deadline.passed(java.time.Clock.systemUTC())) {
            // no other worker alive yet: try again shortly, within the call timeout
            CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> restart(from, deadline));
            return;
          }
          List<Waiting> flush;
          synchronized (this) {
            if (state != State.RESTARTING) {
              return; // closed meanwhile
            }
            if (ok) {
              owner = outcome.result().getWorkerId().toString();
              incarnation = next;
              restarts++;
              state = State.ALIVE;
            } else {
              state = State.LOST;
              lastFailure =
                  error == null && outcome.result().getOutcome() instanceof InvocationError
                      ? lastFailure
                      : Cause.CONSTRUCTOR_FAILED;
            }
            flush = List.copyOf(waiting);
            waiting.clear();
          }
          for (Waiting w : flush) {
            if (!ok) {
              w.future().completeExceptionally(lost(lastFailure(), false, "its restart failed"));
            } else if (w.deadline().passed(java.time.Clock.systemUTC())) {
              w.future().completeExceptionally(lost(Cause.WORKER_LOST, true, "restart too late"));
            } else {
              send(
                  w.method(),
                  w.fingerprint(),
                  w.arguments(),
                  w.deadline(),
                  w.future(),
                  owner(),
                  next,
                  0);
            }
          }
        });
  }

  private synchronized Cause lastFailure() {
    return lastFailure;
  }

  /** Closes the object: calls made before still run, later ones fail with cause CLOSED. */
  public CompletableFuture<Void> close() {
    String to;
    int which;
    synchronized (this) {
      if (state == State.CLOSED || state == State.LOST) {
        return CompletableFuture.completedFuture(null);
      }
      to = owner;
      which = incarnation;
      boolean wasRestarting = state == State.RESTARTING;
      state = State.CLOSED;
      lastFailure = Cause.CLOSED;
      failWaiting(lost(Cause.CLOSED, false, "it was closed"));
      if (wasRestarting) {
        return CompletableFuture.completedFuture(null);
      }
    }
    try {
      return dispatcher
          .invokeObject(
              remoteCall(
                  spec.constructor(),
                  spec.fingerprint(),
                  new byte[0],
                  Deadline.in(spec.options().callTimeout())),
              objectCall(which, ObjectOp.CLOSE),
              ObjectRoute.owner(to))
          .handle((outcome, error) -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** The run that owns the object ended: it is gone. */
  void runEnded() {
    ended(State.LOST, Cause.OWNER_RUN_ENDED);
  }

  private synchronized void ended(State end, Cause cause) {
    if (state == State.ALIVE || state == State.RESTARTING) {
      state = end;
      lastFailure = cause;
      failWaiting(lost(cause, false, end.name().toLowerCase()));
    }
  }

  // Called holding the monitor.
  private void failWaiting(RemoteObjectLostException e) {
    Waiting w;
    while ((w = waiting.poll()) != null) {
      w.future().completeExceptionally(e);
    }
  }

  private RemoteObjectLostException lost(Cause cause, boolean stateLost, String why) {
    Cause c = cause == null ? Cause.WORKER_LOST : cause;
    return new RemoteObjectLostException(
        id,
        c,
        stateLost,
        why + (stateLost ? "; it was recreated on another worker with fresh state" : ""),
        null);
  }

  private RemoteCall remoteCall(
      MethodRef method, long fingerprint, byte[] arguments, Deadline deadline) {
    return new RemoteCall(
        spec.programId(),
        spec.jarSha256(),
        method,
        fingerprint,
        List.of(arguments),
        deadline,
        spec.runId(),
        RemoteCall.Delivery.AT_MOST_ONCE);
  }

  ObjectCall objectCall(int which, ObjectOp op) {
    return ObjectCall.newBuilder()
        .setObjectId(id)
        .setIncarnation(which)
        .setOp(op)
        .setSurvivesRun(spec.runId().isEmpty())
        .build();
  }
}
