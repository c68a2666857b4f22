package dev.farcall.coordinator.run;

import dev.farcall.api.spi.AsyncDispatcher;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.coordinator.run.hooks.RunHooks;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Decides, per call of a dispatchable method, where it runs, and makes remote calls: encode with
 * the shared codec, send through the {@link RemoteInvoker}, wait (through {@link
 * ForkJoinPool#managedBlock} on pool threads, so parallel streams keep every worker thread busy),
 * decode, rethrow a remote exception as the same type. A call that no worker answers in time, that
 * cannot be encoded, or that fails to be invoked runs at home: only effect-free methods are ever
 * dispatched, so running one twice is safe.
 *
 * <p>The decision table lives in the run's {@link RunHooks#MODES}; {@link #decide} swaps a new
 * table in atomically.
 */
final class Dispatcher implements BiFunction<Integer, Object[], Object>, AsyncDispatcher {

  private final String runId;
  private final String programId;
  private final String jarSha256;
  private final ClassLoader loader;
  private final RemoteInvoker invoker;
  private final RunControl control;
  private final Duration callTimeout;
  private final Instant runDeadline;
  private final Consumer<int[]> modesSink;
  private final LongAdder[] localCalls;
  private final ExecutorService asyncExecutor;
  private final Site[] sites;
  // the run's own copy of RunHooks.LOCAL: the stubs compare against that one
  private final Object local;
  private final Map<MethodKey, Integer> ids = new HashMap<>();
  private volatile ArgumentCodec codec;

  Dispatcher(
      String runId,
      String programId,
      String jarSha256,
      ClassLoader loader,
      RunPlan plan,
      RemoteInvoker invoker,
      RunControl control,
      Duration callTimeout,
      Instant runDeadline,
      Object localSentinel,
      Consumer<int[]> modesSink,
      LongAdder[] localCalls,
      Predicate<RunPlan.PlannedMethod> countsLocalCalls,
      ExecutorService asyncExecutor) {
    this.runId = runId;
    this.programId = programId;
    this.jarSha256 = jarSha256;
    this.loader = loader;
    this.invoker = invoker;
    this.control = control;
    this.callTimeout = callTimeout;
    this.runDeadline = runDeadline;
    this.local = localSentinel;
    this.modesSink = modesSink;
    this.localCalls = localCalls;
    this.asyncExecutor = asyncExecutor;
    List<RunPlan.PlannedMethod> methods = plan.methods();
    this.sites = new Site[methods.size()];
    for (int i = 0; i < sites.length; i++) {
      RunPlan.PlannedMethod planned = methods.get(i);
      sites[i] = new Site(planned.method(), planned.decision(), countsLocalCalls.test(planned));
      ids.put(methods.get(i).method(), i);
    }
    publishModes();
  }

  /** Changes the decision of one dispatchable method; unknown methods are ignored. */
  synchronized void decide(MethodKey method, Decision decision) {
    Integer id = ids.get(method);
    if (id != null) {
      sites[id].decision = decision;
      publishModes();
    }
  }

  private synchronized void publishModes() {
    int[] modes = new int[sites.length];
    for (int i = 0; i < sites.length; i++) {
      Site site = sites[i];
      if (site.decision == Decision.REMOTE) {
        modes[i] = RunHooks.MODE_DISPATCH;
      } else if (site.countsLocalCalls) {
        modes[i] = RunHooks.MODE_COUNTED_LOCAL;
      } else {
        modes[i] = RunHooks.MODE_LOCAL;
        site.uncountedLocalCalls = true;
      }
    }
    modesSink.accept(modes);
  }

  /** Called by {@link RunHooks#dispatch}: the result, or {@link RunHooks#LOCAL}. */
  @Override
  public Object apply(Integer siteId, Object[] arguments) {
    control.checkActive();
    Site site = sites[siteId];
    if (site.decision != Decision.REMOTE) {
      site.localCalls.increment(); // decided LOCAL while this call was on its way here
      return local;
    }
    Optional<MethodCodec> methodCodec = site.codec();
    if (methodCodec.isEmpty() || !receiverIsExactly(site, arguments)) {
      return site.fallback();
    }
    byte[] payload;
    try {
      payload = methodCodec.get().encodeArguments(arguments);
    } catch (RuntimeException notTransferable) {
      return site.fallback();
    }
    long started = System.nanoTime();
    Instant deadline = Instant.now().plus(callTimeout);
    if (runDeadline != null && runDeadline.isBefore(deadline)) {
      deadline = runDeadline;
    }
    CompletableFuture<InvocationResult> future;
    try {
      future =
          invoker.invoke(
              new RemoteInvoker.RemoteCall(
                  runId,
                  programId,
                  jarSha256,
                  site.key,
                  methodCodec.get().argumentFingerprint(),
                  payload,
                  deadline));
    } catch (RuntimeException sendFailed) {
      return site.fallback();
    }
    if (!control.track(future)) {
      future.cancel(true);
      control.checkActive();
    }
    InvocationResult result;
    try {
      result = await(future, started + Duration.between(Instant.now(), deadline).toNanos());
    } catch (TimeoutException noAnswer) {
      future.cancel(true);
      return site.fallback();
    } catch (InterruptedException interrupted) {
      future.cancel(true);
      control.checkActive();
      // the program interrupted its own thread: at home the call would have run on regardless
      Thread.currentThread().interrupt();
      return site.fallback();
    } catch (ExecutionException | CancellationException noWorker) {
      control.checkActive();
      return site.fallback();
    } finally {
      control.untrack(future);
    }
    return complete(site, methodCodec.get(), payload.length, started, result);
  }

  private Object complete(
      Site site, MethodCodec methodCodec, int sent, long started, InvocationResult result) {
    Object outcome = result.getOutcome();
    long roundTripMicros = (System.nanoTime() - started) / 1_000;
    if (outcome instanceof ReturnedValue returned) {
      Object value;
      try {
        value = methodCodec.decodeResult(bytes(returned.getPayload()));
      } catch (RuntimeException undecodable) {
        return site.fallback();
      }
      site.recordRemote(result, sent, returned.getPayload().remaining(), roundTripMicros);
      return value;
    }
    if (outcome instanceof ThrownException thrown) {
      site.recordRemote(result, sent, 0, roundTripMicros);
      throw Dispatcher.<RuntimeException>sneaky(RemoteExceptions.rebuild(thrown, loader, site.key));
    }
    // InvocationError: Farcall could not run it there; run it here
    InvocationError ignored = (InvocationError) outcome;
    return site.fallback();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static InvocationResult await(CompletableFuture<InvocationResult> future, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
      ForkJoinPool.managedBlock(
          new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
              long left = deadline - System.nanoTime();
              if (left > 0) {
                try {
                  future.get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException | CancellationException e) {
                  // looked at below
                }
              }
              return true;
            }

            @Override
            public boolean isReleasable() {
              return future.isDone() || System.nanoTime() >= deadline;
            }
          });
      if (!future.isDone()) {
        throw new TimeoutException();
      }
      return future.get();
    }
    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private static boolean receiverIsExactly(Site site, Object[] arguments) {
    // an override in a subclass, or a subclass's state, would not survive encoding as the
    // declared type: such calls stay home
    return site.isStatic
        || (arguments.length > 0
            && arguments[0] != null
            && arguments[0].getClass() == site.method.getDeclaringClass());
  }

  @Override
  public <R> CompletableFuture<R> dispatch(
      AsyncTarget target, Object[] arguments, Callable<R> atHome) {
    CompletableFuture<R> future = new CompletableFuture<>();
    Integer id =
        ids.get(new MethodKey(target.ownerClass(), target.methodName(), target.descriptor()));
    asyncExecutor.execute(
        () -> {
          try {
            // apply answers the run's LOCAL sentinel for a LOCAL decision or a fall-back
            Object value = id == null ? local : apply(id, arguments);
            if (value == local) {
              value = atHome.call(); // apply has counted it
            }
            @SuppressWarnings("unchecked")
            R typed = (R) value;
            future.complete(typed);
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    return future;
  }

  /** The profile of every site so far. */
  RunStats stats() {
    List<RunStats.Site> out = new ArrayList<>();
    boolean localComplete = true;
    long local = 0;
    long remote = 0;
    long retries = 0;
    long sent = 0;
    long received = 0;
    for (int i = 0; i < sites.length; i++) {
      Site s = sites[i];
      long siteLocal = s.localCalls.sum() + (i < localCalls.length ? localCalls[i].sum() : 0);
      boolean counted = !s.uncountedLocalCalls;
      long siteRemote = s.remoteCalls.sum();
      out.add(
          new RunStats.Site(
              s.key.className(),
              s.key.methodName(),
              s.key.descriptor(),
              s.decision,
              counted ? siteLocal : null,
              siteRemote,
              s.fallbacks.sum(),
              siteRemote == 0 ? 0 : (double) s.workMicros.sum() / siteRemote,
              siteRemote == 0 ? 0 : (double) s.overheadMicros.sum() / siteRemote,
              s.bytesSent.sum(),
              s.bytesReceived.sum(),
              s.retries.sum()));
      local += siteLocal;
      localComplete &= counted;
      remote += siteRemote;
      retries += s.retries.sum();
      sent += s.bytesSent.sum();
      received += s.bytesReceived.sum();
    }
    return new RunStats(local, localComplete, remote, retries, sent, received, out);
  }

  private ArgumentCodec argumentCodec() {
    ArgumentCodec c = codec;
    if (c == null) {
      synchronized (this) {
        if (codec == null) {
          codec = new ArgumentCodec(loader);
        }
        c = codec;
      }
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** One dispatchable method: its decision, codec and profile. */
  private final class Site {
    final MethodKey key;
    final boolean countsLocalCalls;
    // set once the site ran in MODE_LOCAL, whose calls nobody counts
    volatile boolean uncountedLocalCalls;
    volatile Decision decision;
    volatile Method method;
    volatile boolean isStatic;
    private volatile Optional<MethodCodec> methodCodec;
    final LongAdder localCalls = new LongAdder();
    final LongAdder remoteCalls = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder workMicros = new LongAdder();
    final LongAdder overheadMicros = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();

    Site(MethodKey key, Decision decision, boolean countsLocalCalls) {
      this.key = key;
      this.decision = decision;
      this.countsLocalCalls = countsLocalCalls;
    }

    /** The codec, built on first remote call; empty (and the site stays home) if impossible. */
    Optional<MethodCodec> codec() {
      Optional<MethodCodec> c = methodCodec;
      if (c == null) {
        synchronized (this) {
          if (methodCodec == null) {
            methodCodec = build();
          }
          c = methodCodec;
        }
      }
      return c;
    }

    private Optional<MethodCodec> build() {
      try {
        Class<?> owner = Class.forName(key.className(), false, loader);
        Optional<Method> found = MethodDescriptors.find(owner, key.methodName(), key.descriptor());
        if (found.isEmpty()) {
          return Optional.empty();
        }
        method = found.get();
        isStatic = Modifier.isStatic(method.getModifiers());
        return Optional.of(argumentCodec().forMethod(method));
      } catch (ClassNotFoundException | LinkageError | RuntimeException unusable) {
        return Optional.empty();
      }
    }

    Object fallback() {
      fallbacks.increment();
      localCalls.increment();
      return local;
    }

    void recordRemote(InvocationResult result, int sent, int received, long roundTripMicros) {
      remoteCalls.increment();
      retries.add(Math.max(0, result.getAttempt() - 1));
      workMicros.add(result.getExecuteMicros());
      overheadMicros.add(Math.max(0, roundTripMicros - result.getExecuteMicros()));
      bytesSent.add(sent);
      bytesReceived.add(received);
    }
  }
}
