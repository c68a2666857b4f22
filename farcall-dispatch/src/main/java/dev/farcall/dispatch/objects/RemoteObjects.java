package dev.farcall.dispatch.objects;

import dev.farcall.api.RemoteObjectLostException.Cause;
import dev.farcall.api.RemoteOptions;
import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.ObjectRoute;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.ObjectCall;
import dev.farcall.model.wire.ObjectOp;
import dev.farcall.model.wire.ThrownException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates remote objects through the dispatch core and keeps their handles: one per run driver (its
 * objects end with it) and one in the coordinator (objects created over REST). When a worker stops
 * being ALIVE in the registry, its objects are restarted elsewhere or lost at once, not only when a
 * call notices.
 */
public final class RemoteObjects {

  private final CallDispatcher dispatcher;
  private final Map<String, RemoteObject> objects = new ConcurrentHashMap<>();

  public RemoteObjects(CallDispatcher dispatcher, WorkerRegistry registry) {
    this.dispatcher = dispatcher;
    registry.addListener(
        (workerId, previous, current) -> {
          // DEAD, not SUSPECT: a worker in a long GC pause still holds its objects
          if (current == WorkerStatus.DEAD) {
            for (RemoteObject o : objects.values()) {
              if (workerId.equals(o.owner()) && o.state() == RemoteObject.State.ALIVE) {
                o.ownerLost(workerId, currentIncarnation(o), Cause.WORKER_LOST);
              }
            }
          }
        });
  }

  private static int currentIncarnation(RemoteObject o) {
    return o.incarnationNow();
  }

  /**
   * Creates an object: runs its constructor on a worker (the placement's, or the least loaded).
   *
   * @return the handle once the constructor returned; exceptionally {@link ObjectCreationException}
   *     when it threw or the worker refused, or a dispatch exception when no worker could be
   *     reached in time
   */
  public CompletableFuture<RemoteObject> create(ObjectSpec spec) {
    String id = UUID.randomUUID().toString();
    RemoteOptions options = spec.options();
    ObjectRoute route =
        RemoteOptions.ANY_WORKER.equals(options.placement())
            ? ObjectRoute.anyBut(null)
            : new ObjectRoute(options.placement(), null);
    ObjectCall create =
        ObjectCall.newBuilder()
            .setObjectId(id)
            .setIncarnation(1)
            .setOp(ObjectOp.CREATE)
            .setSurvivesRun(spec.runId().isEmpty())
            .build();
    RemoteCall call =
        new RemoteCall(
            spec.programId(),
            spec.jarSha256(),
            spec.constructor(),
            spec.fingerprint(),
            List.of(spec.arguments()),
            Deadline.in(options.callTimeout()),
            spec.runId(),
            RemoteCall.Delivery.AT_MOST_ONCE);
    return dispatcher.invokeObject(call, create, route).thenApply(o -> created(id, spec, o));
  }

  private RemoteObject created(String id, ObjectSpec spec, InvocationOutcome outcome) {
    Object result = outcome.result().getOutcome();
    if (result instanceof ThrownException thrown) {
      throw new ObjectCreationException(
          "the constructor of " + spec.className() + " threw " + thrown.getClassName(),
          thrown,
          null);
    }
    if (result instanceof InvocationError error) {
      throw new ObjectCreationException(
          spec.className() + " was not created: " + error.getCode() + ": " + error.getMessage(),
          null,
          error);
    }
    RemoteObject object =
        new RemoteObject(id, spec, dispatcher, outcome.result().getWorkerId().toString());
    objects.put(id, object);
    return object;
  }

  /** The object with this id, if this caller made it. */
  public Optional<RemoteObject> find(String objectId) {
    return Optional.ofNullable(objects.get(objectId));
  }

  /** Every object this caller made (closed and lost ones included, until forgotten). */
  public Collection<RemoteObject> all() {
    return List.copyOf(objects.values());
  }

  /** Closes an object and forgets it. */
  public CompletableFuture<Void> close(String objectId) {
    RemoteObject o = objects.remove(objectId);
    return o == null ? CompletableFuture.completedFuture(null) : o.close();
  }

  /** Closes every object (the run ends): each gets a CLOSE after the calls already sent. */
  public void closeAll() {
    for (RemoteObject o : all()) {
      o.close();
    }
  }
}
