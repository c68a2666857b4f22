package dev.farcall.driver.sites;

import dev.farcall.api.spi.AsyncDispatcher;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.driver.report.RemoteCallLog;
import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.wire.RunStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Decides, per call of a dispatchable method, where it runs: at home, or on a worker through {@link
 * RemoteCaller}, which runs the call at home after all when no worker answers in time, when it
 * cannot be encoded or when it fails to be invoked. {@link SiteProfiles} reads what the sites
 * measured, for the adaptive policy and the run's report.
 *
 * <p>The rewritten code reads each site's mode from the call sites of {@link
 * dev.farcall.driver.rewrite.SiteModes}; {@link #decide} changes a decision and publishes the new
 * modes.
 */
public final class SiteDispatcher
    implements BiFunction<Integer, Object[], Object>, AsyncDispatcher {

  private static final AtomicInteger ASYNC_THREADS = new AtomicInteger();

  private final ClassLoader loader;
  private final SiteHooks hooks;
  private final Site[] sites;
  private final Map<MethodId, Integer> ids = new HashMap<>();
  private final CallTimeline timeline;
  private final RemoteCaller remote;
  private final SiteProfiles profiles;
  private final ExecutorService asyncExecutor;
  private volatile ArgumentCodec codec;

  public SiteDispatcher(
      RunIdentity run,
      ClassLoader loader,
      List<SitePlan> plan,
      RemoteConnection connection,
      CallSettings settings,
      SiteHooks hooks) {
    this.loader = loader;
    this.hooks = hooks;
    this.sites = new Site[plan.size()];
    for (int i = 0; i < sites.length; i++) {
      sites[i] = new Site(plan.get(i), loader, this::argumentCodec);
      ids.put(plan.get(i).method(), i);
    }
    this.timeline = new CallTimeline(ids);
    this.remote =
        new RemoteCaller(run, loader, connection, settings, hooks.localSentinel(), timeline);
    this.profiles = new SiteProfiles(sites, hooks, connection);
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
    remote.limitInFlight(slots);
  }

  /** The bound {@link #limitRemoteCallsInFlight} set ({@link Integer#MAX_VALUE} before any). */
  public int remoteCallsInFlightLimit() {
    return remote.inFlightLimit();
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
    return profiles.counters(site, cpuSamples);
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
    if (site.decision == Decision.REMOTE && remote.everySlotTaken()) {
      site.localCalls.increment(); // every slot is taken: home works on this one meanwhile
      return hooks.localSentinel();
    }
    return remote.call(site, arguments);
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

  /** Where the remote calls are recorded for the run's timeline (none until set). */
  public void recordCallsTo(RemoteCallLog log) {
    timeline.recordCallsTo(log);
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

  /** Where the stats read each site's share of the run's CPU samples. */
  public void cpuShares(java.util.function.IntToDoubleFunction shares) {
    profiles.cpuShares(shares);
  }

  /** The profile of every site so far. */
  public RunStatistics statistics() {
    return profiles.statistics();
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
}
