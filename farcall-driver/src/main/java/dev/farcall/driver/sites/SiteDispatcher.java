package dev.farcall.driver.sites;

import dev.farcall.api.spi.AsyncDispatcher;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.driver.report.RemoteCallLog;
import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.RemoteCallOutcome;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.SiteStatistics;
import dev.farcall.model.wire.ThrownException;
import java.nio.ByteBuffer;
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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Decides, per call of a dispatchable method, where it runs, and makes the remote calls: encode
 * with the shared codec, send through the dispatch core's {@link RemoteInvoker}, wait (see {@link
 * RemoteWait}), decode, rethrow a remote exception as the same type. A call that no worker answers
 * in time, that cannot be encoded, or that fails to be invoked runs at home: only effect-free
 * methods are ever dispatched, so running one twice is safe.
 *
 * <p>The rewritten code reads each site's mode from the call sites of {@link
 * dev.farcall.driver.rewrite.SiteModes}; {@link #decide} changes a decision and publishes the new
 * modes.
 */
public final class SiteDispatcher
    implements BiFunction<Integer, Object[], Object>, AsyncDispatcher {

  private static final AtomicInteger ASYNC_THREADS = new AtomicInteger();

  private final RunIdentity run;
  private final ClassLoader loader;
  private final RemoteConnection connection;
  private final CallSettings settings;
  private final SiteHooks hooks;
  private final Site[] sites;
  private final Map<MethodId, Integer> ids = new HashMap<>();
  private final ExecutorService asyncExecutor;
  private volatile ArgumentCodec codec;
  private volatile RemoteCallLog callLog;
  private final AtomicInteger remoteInFlight = new AtomicInteger();
  private volatile int remoteSlots = Integer.MAX_VALUE;

  public SiteDispatcher(
      RunIdentity run,
      ClassLoader loader,
      List<SitePlan> plan,
      RemoteConnection connection,
      CallSettings settings,
      SiteHooks hooks) {
    this.run = run;
    this.loader = loader;
    this.connection = connection;
    this.settings = settings;
    this.hooks = hooks;
    this.sites = new Site[plan.size()];
    for (int i = 0; i < sites.length; i++) {
      sites[i] = new Site(plan.get(i), loader, this::argumentCodec);
      ids.put(plan.get(i).method(), i);
    }
    this.asyncExecutor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "farcall-async-" + ASYNC_THREADS.incrementAndGet());
              t.setDaemon(true);
              t.setContextClassLoader(loader);
              return t;
            });
    publishModes();
  }

  /** Changes the decision of one dispatchable method; unknown methods are ignored. */
  public synchronized void decide(MethodId method, Decision decision) {
    Integer id = ids.get(method);
    if (id != null) {
      decide(id, decision);
    }
  }

  /** Changes the decisions of several sites (by id) at once: one publication of the modes. */
  public synchronized void decide(java.util.Map<Integer, Decision> decisions) {
    decisions.forEach(
        (id, decision) -> {
          if (sites[id].decision != decision) {
            sites[id].decision = decision;
            sites[id].decidedAtNanos = System.nanoTime();
          }
        });
    if (!decisions.isEmpty()) {
      publishModes();
    }
  }

  private void decide(int id, Decision decision) {
    decide(java.util.Map.of(id, decision));
  }

  /**
   * Sends the next {@code calls} calls of a LOCAL site remotely, to measure it there, and leaves
   * the site LOCAL afterwards.
   */
  public synchronized void trial(int site, int calls) {
    if (sites[site].decision == Decision.LOCAL && calls > 0) {
      sites[site].trialCalls.set(calls);
      publishModes();
    }
  }

  private void trialOver(Site site) {
    if (site.trialCalls.get() <= 0) {
      synchronized (this) {
        publishModes();
      }
    }
  }

  /**
   * Caps the calls of a site that travel in one request (the policy's batch size, from the site's
   * measured overhead over its work).
   */
  public void batchSize(int site, int maxCallsPerRequest) {
    sites[site].maxCallsPerRequest = Math.max(1, maxCallsPerRequest);
  }

  /**
   * Bounds the run's remote calls in flight at once (the adaptive loop sets the alive workers'
   * slots each round): a REMOTE site's call made while the run already has that many out runs at
   * home instead of queueing behind them, so that home's cores work while its other threads wait
   * for the workers. Trial calls are sent whatever the bound: they are there to measure.
   */
  public void limitRemoteCallsInFlight(int slots) {
    remoteSlots = Math.max(1, slots);
  }

  /** The bound {@link #limitRemoteCallsInFlight} set ({@link Integer#MAX_VALUE} before any). */
  public int remoteCallsInFlightLimit() {
    return remoteSlots;
  }

  /** The cap {@link #batchSize(int, int)} set ({@link Integer#MAX_VALUE} before any). */
  public int batchSize(int site) {
    return sites[site].maxCallsPerRequest;
  }

  /** How many sites the run has (ids are 0 to this, exclusive). */
  public int siteCount() {
    return sites.length;
  }

  /** A site's method. */
  public MethodId method(int site) {
    return sites[site].key;
  }

  /** Where a site's calls run now. */
  public Decision decision(int site) {
    return sites[site].decision;
  }

  /** When the site entered its decision, on {@link System#nanoTime()}. */
  public long decidedAtNanos(int site) {
    return sites[site].decidedAtNanos;
  }

  /** Whether a user override fixes the site's decision. */
  public boolean fixed(int site) {
    return sites[site].fixed;
  }

  /**
   * The cumulative counters of a site, for the adaptive policy.
   *
   * @param cpuSamples the run's CPU samples whose stack holds the site's method
   */
  public dev.farcall.heuristics.adaptive.SiteCounters counters(int site, long cpuSamples) {
    Site s = sites[site];
    return new dev.farcall.heuristics.adaptive.SiteCounters(
        s.localCalls(hooks.localCalls()[site]),
        hooks.timedCalls()[site].sum(),
        hooks.timedNanos()[site].sum(),
        cpuSamples,
        s.remoteCalls.sum(),
        s.workNanos.sum(),
        s.roundTripNanos.sum(),
        s.bytesSent.sum(),
        s.bytesReceived.sum(),
        s.inFlight.get());
  }

  /** Times one in {@code every[i]} counted local calls of each site i (0: none). */
  public void sampleEvery(int[] every) {
    hooks.sampleEvery().accept(every);
  }

  /** The site id of a method, if the run may dispatch it. */
  public Optional<Integer> siteOf(MethodId method) {
    return Optional.ofNullable(ids.get(method));
  }

  private synchronized void publishModes() {
    int[] modes = new int[sites.length];
    for (int i = 0; i < sites.length; i++) {
      Site site = sites[i];
      if (site.decision == Decision.REMOTE || site.trialCalls.get() > 0) {
        modes[i] = RunHooks.MODE_DISPATCH;
      } else if (site.countsLocalCalls) {
        modes[i] = RunHooks.MODE_COUNTED_LOCAL;
      } else {
        modes[i] = RunHooks.MODE_LOCAL;
        site.uncountedLocalCalls = true;
      }
    }
    hooks.modes().accept(modes);
  }

  /** Called by {@link RunHooks#dispatch}: the result, or the run's {@link RunHooks#LOCAL}. */
  @Override
  public Object apply(Integer siteId, Object[] arguments) {
    Site site = sites[siteId];
    if (site.decision != Decision.REMOTE && !takeTrialCall(site)) {
      site.localCalls.increment(); // decided LOCAL while this call was on its way here
      return hooks.localSentinel();
    }
    if (site.decision == Decision.REMOTE && remoteInFlight.get() >= remoteSlots) {
      site.localCalls.increment(); // every slot is taken: home works on this one meanwhile
      return hooks.localSentinel();
    }
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
    Optional<RemoteInvoker> invoker =
        connection.invoker(deadline.remaining(java.time.Clock.systemUTC()));
    if (invoker.isEmpty()) {
      return fallback(site);
    }
    long started = System.nanoTime();
    site.inFlight.incrementAndGet();
    remoteInFlight.incrementAndGet();
    try {
      return awaitAndComplete(site, methodCodec.get(), payload, deadline, invoker.get(), started);
    } finally {
      remoteInFlight.decrementAndGet();
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

  /** Takes one of a LOCAL site's trial calls; the last one ends the trial. */
  private boolean takeTrialCall(Site site) {
    int left = site.trialCalls.getAndUpdate(n -> Math.max(0, n - 1));
    if (left <= 0) {
      return false;
    }
    if (left == 1) {
      trialOver(site);
    }
    return true;
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
      throw SiteDispatcher.<RuntimeException>sneaky(
          RemoteExceptions.rebuild(thrown, loader, site.key));
    }
    // an InvocationError: Farcall could not run it there; run it here
    return failedRemote(site, started, result.getWorkerId());
  }

  /** Where the remote calls are recorded for the run's timeline (none until set). */
  public void recordCallsTo(RemoteCallLog log) {
    this.callLog = log;
  }

  private void recordCall(
      Site site, InvocationResult result, long startedNanos, RemoteCallOutcome outcome) {
    logCall(site, result.getWorkerId(), startedNanos, result.getExecuteMicros(), outcome);
  }

  /** A remote call that no worker answered or could run: recorded, then it runs at home. */
  private Object failedRemote(Site site, long startedNanos, String workerId) {
    logCall(site, workerId, startedNanos, 0, RemoteCallOutcome.FAILED);
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

  // only remote calls come here: the LOCAL path never pays for the timeline
  private void logCall(
      Site site, String workerId, long startedNanos, long workMicros, RemoteCallOutcome outcome) {
    RemoteCallLog log = callLog;
    if (log != null) {
      log.recordSince(ids.get(site.key), workerId, startedNanos, workMicros, outcome);
    }
  }

  private Object fallback(Site site) {
    site.fallbacks.increment();
    site.localCalls.increment();
    return hooks.localSentinel();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Override
  public <R> CompletableFuture<R> dispatch(
      AsyncTarget target, Object[] arguments, Callable<R> atHome) {
    CompletableFuture<R> future = new CompletableFuture<>();
    Integer id =
        ids.get(new MethodId(target.ownerClass(), target.methodName(), target.descriptor()));
    Object local = hooks.localSentinel();
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

  private volatile dev.farcall.driver.objects.RunObjects objects;

  /** Where {@code Farcall.remote} of this run creates its objects. */
  public void objects(dev.farcall.driver.objects.RunObjects objects) {
    this.objects = objects;
  }

  @Override
  public <T> Optional<dev.farcall.api.RemoteRef<T>> remote(
      AsyncTarget constructor,
      Object[] arguments,
      dev.farcall.api.RemoteOptions options,
      Callable<T> local) {
    dev.farcall.driver.objects.RunObjects o = objects;
    return o == null ? Optional.empty() : o.create(constructor, arguments, options);
  }

  // the run's CPU share per site (from JFR samples), when the adaptive loop measures it
  private volatile java.util.function.IntToDoubleFunction cpuShares = site -> 0;

  /** Where the stats read each site's share of the run's CPU samples. */
  public void cpuShares(java.util.function.IntToDoubleFunction shares) {
    this.cpuShares = shares;
  }

  /** The profile of every site so far. */
  public RunStatistics statistics() {
    List<SiteStatistics> out = new ArrayList<>(sites.length);
    boolean localComplete = true;
    long local = 0;
    long remote = 0;
    long retries = 0;
    long sent = 0;
    long received = 0;
    LongAdder[] counted = hooks.localCalls();
    for (int i = 0; i < sites.length; i++) {
      Site s = sites[i];
      SiteStatistics stats =
          s.statistics(
              i < counted.length ? counted[i] : null,
              hooks.timedNanos()[i],
              hooks.timedCalls()[i],
              cpuShares.applyAsDouble(i));
      out.add(stats);
      local += s.localCalls(i < counted.length ? counted[i] : null);
      localComplete &= stats.getLocalCalls() != null;
      remote += stats.getRemoteCalls();
      retries += stats.getRetries();
      sent += stats.getBytesSent();
      received += stats.getBytesReceived();
    }
    return RunStatistics.newBuilder()
        .setLocalCalls(local)
        .setLocalCallsComplete(localComplete)
        .setRemoteCalls(remote)
        .setRetries(retries)
        .setBytesSent(sent)
        .setBytesReceived(received)
        .setForeignReplies(connection.foreignReplies())
        .setSites(out)
        // set, not left to the schema's default: building a default record list needs Avro to
        // trust the wire package, which only WireFormat's first use arranges
        .setObjects(List.of())
        .build();
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
}
