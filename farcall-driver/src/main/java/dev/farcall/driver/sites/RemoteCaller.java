package dev.farcall.driver.sites;

import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.RemoteCallOutcome;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a site's call on a worker: encode with the shared codec, send through the dispatch core's
 * {@link RemoteInvoker}, wait (see {@link RemoteWait}), decode, rethrow a remote exception as the
 * same type; records each call on its {@link Site} and on the run's {@link CallTimeline}. A call
 * that cannot be encoded, finds no invoker, or that no worker answers in time or can run falls
 * back: it answers the run's LOCAL sentinel and the call runs at home, which is safe because only
 * effect-free methods are ever dispatched. Counts the run's calls in flight, for the bound the
 * adaptive loop sets on them.
 */
final class RemoteCaller {

  private final RunIdentity run;
  private final ClassLoader loader;
  private final RemoteConnection connection;
  private final CallSettings settings;
  private final Object localSentinel;
  private final CallTimeline timeline;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int slots = Integer.MAX_VALUE;

  /**
   * @param localSentinel the run's {@code RunHooks.LOCAL}, the answer of a call that falls back
   */
  RemoteCaller(
      RunIdentity run,
      ClassLoader loader,
      RemoteConnection connection,
      CallSettings settings,
      Object localSentinel,
      CallTimeline timeline) {
    this.run = run;
    this.loader = loader;
    this.connection = connection;
    this.settings = settings;
    this.localSentinel = localSentinel;
    this.timeline = timeline;
  }

  void limitInFlight(int slots) {
    this.slots = Math.max(1, slots);
  }

  int inFlightLimit() {
    return slots;
  }

  boolean everySlotTaken() {
    return inFlight.get() >= slots;
  }

  /** The call's result, or the LOCAL sentinel once it has been counted as a fall-back. */
  Object call(Site site, Object[] arguments) {
    Optional<MethodCodec> methodCodec = site.codec();
    if (methodCodec.isEmpty() || !site.receiverIsExactly(arguments)) {
      return fallback(site);
    }
    byte[] payload;
    try {
      payload = methodCodec.get().encodeArguments(arguments);
    } catch (RuntimeException notTransferable) {
      return fallback(site);
    }
    Deadline deadline = settings.deadlineOfCallMadeNow();
    Optional<RemoteInvoker> invoker = connection.invoker(deadline.remaining(Clock.systemUTC()));
    if (invoker.isEmpty()) {
      return fallback(site);
    }
    long started = System.nanoTime();
    site.inFlight.incrementAndGet();
    inFlight.incrementAndGet();
    try {
      return awaitAndComplete(site, methodCodec.get(), payload, deadline, invoker.get(), started);
    } finally {
      inFlight.decrementAndGet();
      site.inFlight.decrementAndGet();
    }
  }

  private Object awaitAndComplete(
      Site site,
      MethodCodec methodCodec,
      byte[] payload,
      Deadline deadline,
      RemoteInvoker invoker,
      long started) {
    CompletableFuture<InvocationOutcome> future;
    try {
      future =
          invoker.invoke(
              new RemoteCall(
                  run.programId(),
                  run.jarSha256(),
                  site.key.toWire(),
                  methodCodec.argumentFingerprint(),
                  List.of(payload),
                  deadline,
                  Optional.of(run.runId()),
                  RemoteCall.Delivery.RETRY_ON_ANOTHER_WORKER),
              site.maxCallsPerRequest);
    } catch (RuntimeException sendFailed) {
      return failedRemote(site, started, "");
    }
    InvocationOutcome outcome;
    try {
      outcome = RemoteWait.await(future, deadline);
    } catch (TimeoutException noAnswer) {
      future.cancel(true);
      return failedRemote(site, started, "");
    } catch (InterruptedException interrupted) {
      future.cancel(true);
      // the program interrupted its own thread: at home the call would have run on regardless
      Thread.currentThread().interrupt();
      return failedRemote(site, started, "");
    } catch (ExecutionException | CancellationException noWorker) {
      return failedRemote(site, started, "");
    }
    return complete(site, methodCodec, payload.length, outcome, started);
  }

  private Object complete(
      Site site, MethodCodec methodCodec, int sent, InvocationOutcome outcome, long started) {
    InvocationResult result = outcome.result();
    Object value = result.getOutcome();
    if (value instanceof ReturnedValue returned) {
      Object decoded;
      try {
        decoded = methodCodec.decodeResult(bytes(returned.getPayload()));
      } catch (RuntimeException undecodable) {
        return failedRemote(site, started, result.getWorkerId());
      }
      site.recordRemote(
          outcome.attempts(),
          result.getExecuteMicros(),
          sent,
          returned.getPayload().remaining(),
          steadyRoundTrip(result, started));
      recordCall(site, result, started, RemoteCallOutcome.RETURNED);
      return decoded;
    }
    if (value instanceof ThrownException thrown) {
      site.recordRemote(
          outcome.attempts(), result.getExecuteMicros(), sent, 0, steadyRoundTrip(result, started));
      recordCall(site, result, started, RemoteCallOutcome.THREW);
      throw RemoteCaller.<RuntimeException>sneaky(
          RemoteExceptions.rebuild(thrown, loader, site.key));
    }
    // an InvocationError: Farcall could not run it there; run it here
    return failedRemote(site, started, result.getWorkerId());
  }

  private void recordCall(
      Site site, InvocationResult result, long startedNanos, RemoteCallOutcome outcome) {
    timeline.record(site, result.getWorkerId(), startedNanos, result.getExecuteMicros(), outcome);
  }

  /** A remote call that no worker answered or could run: recorded, then it runs at home. */
  private Object failedRemote(Site site, long startedNanos, String workerId) {
    timeline.record(site, workerId, startedNanos, 0, RemoteCallOutcome.FAILED);
    return fallback(site);
  }

  /**
   * The call's round trip without the worker's one-off setup (the first call of a program on a
   * worker fetches its jar and loads its classes): figures that the policy extrapolates to every
   * later call must not carry a cost paid once.
   */
  private static long steadyRoundTrip(InvocationResult result, long started) {
    long roundTrip = System.nanoTime() - started;
    return Math.max(result.getExecuteMicros() * 1_000, roundTrip - result.getSetupMicros() * 1_000);
  }

  private Object fallback(Site site) {
    site.fallbacks.increment();
    site.localCalls.increment();
    return localSentinel;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
