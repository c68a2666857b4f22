package dev.farcall.worker.objects;

import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ObjectCall;
import dev.farcall.model.wire.ThrownException;
import dev.farcall.worker.invoke.CallExecutor;
import dev.farcall.worker.invoke.InvocableMethod;
import dev.farcall.worker.invoke.LoadedProgram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote objects this worker holds. Requests are accepted on the poll thread in arrival order
 * and queued on their object's mailbox, so each object runs one call at a time in the order the
 * calls arrived (each caller's calls arrive in the order it sent them: one partition, one
 * producer). A call naming an object this worker does not hold, or another incarnation of it, is
 * answered at once with why (closed, its run ended, or unknown here) and never run.
 *
 * <p>Bounded by {@link ObjectLimits}: creating one object more than the count, or more than the
 * heap estimate allows, is refused with OBJECT_LIMIT_REACHED; an OutOfMemoryError in an object's
 * constructor or call drops that object (OBJECT_OUT_OF_MEMORY) instead of leaving it half-made.
 */
public final class ObjectTable {

  private static final Logger log = LoggerFactory.getLogger(ObjectTable.class);
  private static final int REMEMBERED_ENDS = 10_000;
  private static final String OUT_OF_MEMORY = OutOfMemoryError.class.getName();

  private final Map<String, HeldObject> objects = new ConcurrentHashMap<>();
  // Why recently ended objects ended, so that a late call is told (bounded, oldest forgotten).
  private final Map<String, ErrorCode> ended =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ErrorCode> eldest) {
              return size() > REMEMBERED_ENDS;
            }
          });
  private final AtomicLong heldBytes = new AtomicLong();
  private final CallExecutor executor;
  private final Executor threads;
  private final ObjectLimits limits;

  public ObjectTable(CallExecutor executor, Executor threads, ObjectLimits limits) {
    this.executor = executor;
    this.threads = threads;
    this.limits = limits;
  }

  /** How many objects are held. */
  public int size() {
    return objects.size();
  }

  /** The sum of the held objects' heap estimates. */
  public long heldBytes() {
    return heldBytes.get();
  }

  /**
   * Accepts one call of an object request; {@code reply} gets its result exactly once, on some
   * thread. Called on the poll thread, in arrival order; never blocks on the object.
   */
  public void accept(InvocationRequest request, Call call, Consumer<InvocationResult> reply) {
    ObjectCall object = request.getObject();
    switch (object.getOp()) {
      case CREATE -> create(request, call, object, reply);
      case CALL -> withObject(request, call, object, reply, held -> call(held, request, call));
      case CLOSE ->
          withObject(
              request,
              call,
              object,
              reply,
              held -> {
                end(held, ErrorCode.OBJECT_CLOSED);
                return executor.answered(request, call);
              });
    }
  }

  private void create(
      InvocationRequest request, Call call, ObjectCall object, Consumer<InvocationResult> reply) {
    HeldObject existing = objects.get(object.getObjectId());
    if (existing != null && existing.incarnation >= object.getIncarnation()) {
      reply.accept(error(request, call, ErrorCode.INTERNAL, "object exists already"));
      return;
    }
    if (objects.size() >= limits.maxObjects()) {
      reply.accept(
          error(
              request,
              call,
              ErrorCode.OBJECT_LIMIT_REACHED,
              "this worker holds "
                  + objects.size()
                  + " objects, its limit; close objects or add workers"));
      return;
    }
    HeldObject held =
        new HeldObject(
            object.getObjectId(),
            object.getIncarnation(),
            request.getRunId() == null ? null : request.getRunId().toString(),
            request.getReplyTopic(),
            object.getSurvivesRun(),
            threads);
    objects.put(held.id, held);
    ended.remove(held.id);
    held.enqueue(() -> reply.accept(construct(held, request, call)));
  }

  private InvocationResult construct(HeldObject held, InvocationRequest request, Call call) {
    long before = allocatedBytes();
    InvocationResult result =
        executor.execute(
            request,
            call,
            new CallExecutor.Binding() {
              @Override
              public InvocableMethod resolve(LoadedProgram program, MethodRef ref) {
                return program.constructor(ref);
              }

              @Override
              public Object[] arguments(Object[] decoded) {
                return decoded;
              }

              @Override
              public void returned(Object value) {
                held.instance = value;
              }
            });
    if (held.instance == null) {
      objects.remove(held.id, held); // the constructor threw or could not be called
      return outOfMemory(result, held) ? lostToMemory(result, held) : result;
    }
    long estimate = Math.max(0, allocatedBytes() - before);
    if (heldBytes.get() + estimate > limits.maxBytes()) {
      objects.remove(held.id, held);
      held.instance = null;
      return withError(
          result,
          ErrorCode.OBJECT_LIMIT_REACHED,
          "the object's constructor allocated about "
              + estimate
              + " bytes; this worker's objects hold about "
              + heldBytes.get()
              + " of the "
              + limits.maxBytes()
              + " bytes they may take");
    }
    held.estimatedBytes = estimate;
    heldBytes.addAndGet(estimate);
    log.debug("object {} created ({} bytes estimated)", held.id, estimate);
    return result;
  }

  private InvocationResult call(HeldObject held, InvocationRequest request, Call call) {
    if (held.instance == null || objects.get(held.id) != held) {
      return error(request, call, whyGone(held.id), "object " + held.id + " is gone");
    }
    held.calls.incrementAndGet();
    Object receiver = held.instance;
    InvocationResult result =
        executor.execute(
            request,
            call,
            new CallExecutor.Binding() {
              @Override
              public InvocableMethod resolve(LoadedProgram program, MethodRef ref) {
                return program.objectMethod(ref);
              }

              @Override
              public Object[] arguments(Object[] decoded) {
                Object[] all = new Object[decoded.length + 1];
                all[0] = receiver;
                System.arraycopy(decoded, 0, all, 1, decoded.length);
                return all;
              }
            });
    return outOfMemory(result, held) ? lostToMemory(result, held) : result;
  }

  /** Runs {@code task} in the object's mailbox, or answers at once that the object is not here. */
  private void withObject(
      InvocationRequest request,
      Call call,
      ObjectCall object,
      Consumer<InvocationResult> reply,
      java.util.function.Function<HeldObject, InvocationResult> task) {
    HeldObject held = objects.get(object.getObjectId());
    if (held == null || held.incarnation != object.getIncarnation()) {
      ErrorCode why = held == null ? whyGone(object.getObjectId()) : ErrorCode.OBJECT_NOT_FOUND;
      reply.accept(
          error(
              request,
              call,
              why,
              "object "
                  + object.getObjectId()
                  + " (incarnation "
                  + object.getIncarnation()
                  + ") is not held by this worker"));
      return;
    }
    held.enqueue(() -> reply.accept(task.apply(held)));
  }

  /** Ends the objects of runs for which {@code runEnded} holds (unless created over REST). */
  public int endObjectsOfRuns(Predicate<HeldObject> runEnded) {
    int n = 0;
    for (HeldObject held : List.copyOf(objects.values())) {
      if (!held.survivesRun && held.runId != null && runEnded.test(held)) {
        held.enqueue(() -> end(held, ErrorCode.OBJECT_OWNER_RUN_ENDED));
        n++;
      }
    }
    return n;
  }

  /** The reply topics of runs that own objects here. */
  public Collection<String> ownerReplyTopics() {
    return objects.values().stream()
        .filter(h -> !h.survivesRun && h.runId != null)
        .map(h -> h.replyTopic)
        .distinct()
        .toList();
  }

  private void end(HeldObject held, ErrorCode why) {
    if (objects.remove(held.id, held)) {
      ended.put(held.id, why);
      heldBytes.addAndGet(-held.estimatedBytes);
      held.instance = null;
      log.debug("object {} ended: {}", held.id, why);
    }
  }

  private ErrorCode whyGone(String id) {
    return ended.getOrDefault(id, ErrorCode.OBJECT_NOT_FOUND);
  }

  private static boolean outOfMemory(InvocationResult result, HeldObject held) {
    return result.getOutcome() instanceof ThrownException t
        && OUT_OF_MEMORY.contentEquals(t.getClassName());
  }

  private InvocationResult lostToMemory(InvocationResult result, HeldObject held) {
    end(held, ErrorCode.OBJECT_OUT_OF_MEMORY);
    ended.put(held.id, ErrorCode.OBJECT_OUT_OF_MEMORY);
    return withError(
        result,
        ErrorCode.OBJECT_OUT_OF_MEMORY,
        "the worker ran out of memory in object " + held.id + "; the object was dropped");
  }

  private static InvocationResult withError(
      InvocationResult result, ErrorCode code, String message) {
    return InvocationResult.newBuilder(result)
        .setOutcome(new InvocationError(code, message))
        .build();
  }

  private InvocationResult error(
      InvocationRequest request, Call call, ErrorCode code, String message) {
    return withError(executor.answered(request, call), code, message);
  }

  private static long allocatedBytes() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported()) {
      return hotspot.getCurrentThreadAllocatedBytes();
    }
    return 0; // no estimate on this JVM: only the count bounds the objects
  }
}
