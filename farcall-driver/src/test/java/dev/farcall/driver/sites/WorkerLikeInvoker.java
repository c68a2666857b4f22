package dev.farcall.driver.sites;

import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A test double of the dispatch layer that does what a worker does, in process: it loads the
 * program in ANOTHER class loader, decodes the arguments with the shared codec, invokes the method,
 * and encodes the result or the thrown exception. So every remote call in the driver's tests makes
 * a real encode/decode round trip between two loaders. It can also be told never to answer.
 */
public final class WorkerLikeInvoker implements RemoteInvoker, AutoCloseable {

  private final ProgramClassLoader workerLoader;
  private final ArgumentCodec codec;
  private final ExecutorService slots;
  private final boolean answer;
  private final Map<MethodId, LongAdder> served = new ConcurrentHashMap<>();
  private final Map<MethodId, Integer> lastCap = new ConcurrentHashMap<>();

  private WorkerLikeInvoker(Path jar, boolean answer) {
    this.workerLoader =
        ProgramClassLoader.fromJar(jar, "test-worker", WorkerLikeInvoker.class.getClassLoader());
    this.codec = new ArgumentCodec(workerLoader);
    AtomicInteger n = new AtomicInteger();
    this.slots =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "test-worker-slot-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.answer = answer;
  }

  /** Serves every call like a worker. */
  public static WorkerLikeInvoker serving(Path jar) {
    return new WorkerLikeInvoker(jar, true);
  }

  /** Accepts calls and never answers (a dead cluster). */
  public static WorkerLikeInvoker neverAnswering(Path jar) {
    return new WorkerLikeInvoker(jar, false);
  }

  /** How many calls of a method this "worker" executed. */
  public long served(MethodId method) {
    LongAdder a = served.get(method);
    return a == null ? 0 : a.sum();
  }

  /** The most calls per request the caller asked for in its latest call of a method, if any. */
  public java.util.Optional<Integer> lastCap(MethodId method) {
    return java.util.Optional.ofNullable(lastCap.get(method));
  }

  @Override
  public CompletableFuture<InvocationOutcome> invoke(RemoteCall call, int maxCallsPerRequest) {
    lastCap.put(MethodId.of(call.method()), maxCallsPerRequest);
    return invoke(call);
  }

  @Override
  public CompletableFuture<InvocationOutcome> invoke(RemoteCall call) {
    CompletableFuture<InvocationOutcome> future = new CompletableFuture<>();
    if (answer) {
      long started = System.nanoTime();
      slots.execute(
          () -> {
            try {
              InvocationResult result = execute(call);
              future.complete(
                  new InvocationOutcome(
                      result.getInvocationId(), result, 1, (System.nanoTime() - started) / 1000));
            } catch (Throwable t) {
              future.completeExceptionally(t);
            }
          });
    }
    return future;
  }

  @Override
  public List<CompletableFuture<InvocationOutcome>> invokeBatch(RemoteCall calls) {
    return List.of(invoke(calls));
  }

  private InvocationResult execute(RemoteCall call) {
    byte[] arguments = call.arguments().get(0);
    MethodId target = MethodId.of(call.method());
    InvocationResult.Builder result =
        InvocationResult.newBuilder()
            .setInvocationId("test")
            .setRunId(call.runId().orElse(null))
            .setAttempt(1)
            .setWorkerId("test-worker")
            .setRequestBytes(arguments.length);
    Method method;
    MethodCodec methodCodec;
    Object[] args;
    try {
      Class<?> owner = Class.forName(target.className(), true, workerLoader);
      method =
          MethodDescriptors.find(owner, target.methodName(), target.descriptor()).orElseThrow();
      method.setAccessible(true);
      methodCodec = codec.forMethod(method);
      args = methodCodec.decodeArguments(arguments, call.schemaFingerprint());
    } catch (Exception | LinkageError e) {
      return result.setOutcome(new InvocationError(ErrorCode.INTERNAL, String.valueOf(e))).build();
    }
    served.computeIfAbsent(target, k -> new LongAdder()).increment();
    long started = System.nanoTime();
    try {
      Object value;
      if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        value = method.invoke(null, args);
      } else {
        value = method.invoke(args[0], Arrays.copyOfRange(args, 1, args.length));
      }
      byte[] payload;
      try {
        payload = methodCodec.encodeResult(value);
      } catch (RuntimeException e) {
        return result
            .setOutcome(new InvocationError(ErrorCode.NOT_TRANSFERABLE, String.valueOf(e)))
            .build();
      }
      return result
          .setExecuteMicros((System.nanoTime() - started) / 1000)
          .setResultBytes(payload.length)
          .setOutcome(new ReturnedValue(ByteBuffer.wrap(payload)))
          .build();
    } catch (InvocationTargetException e) {
      return result
          .setExecuteMicros((System.nanoTime() - started) / 1000)
          .setOutcome(thrown(e.getCause()))
          .build();
    } catch (IllegalAccessException e) {
      return result.setOutcome(new InvocationError(ErrorCode.INTERNAL, String.valueOf(e))).build();
    }
  }

  private static ThrownException thrown(Throwable t) {
    List<String> frames =
        Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString).toList();
    return ThrownException.newBuilder()
        .setClassName(t.getClass().getName())
        .setMessage(t.getMessage())
        .setStackTrace(frames)
        .setCause(t.getCause() == null || t.getCause() == t ? null : thrown(t.getCause()))
        .build();
  }

  @Override
  public void close() {
    slots.shutdownNow();
  }
}
