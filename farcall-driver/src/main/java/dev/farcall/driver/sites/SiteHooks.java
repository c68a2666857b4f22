package dev.farcall.driver.sites;

import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.driver.rewrite.SiteModes;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * How the run's rewritten code and the site dispatcher meet: the counters the rewritten call sites
 * add to (local calls, timed local calls and their time), the LOCAL sentinel of the run's copy of
 * {@code RunHooks}, where new modes and new sampling rates go. Made once per run by {@link
 * #install}, before the program's first class is defined.
 *
 * @param localSentinel the run's {@code RunHooks.LOCAL}
 * @param modes where a new mode table goes (and the call sites' targets change)
 * @param localCalls per site, local calls the rewritten code counted
 * @param timedNanos per site, the time of its timed local calls
 * @param timedCalls per site, how many local calls were timed
 * @param sampleEvery where a new sampling table goes (one counted call in N is timed; 0: none)
 */
public record SiteHooks(
    Object localSentinel,
    Consumer<int[]> modes,
    LongAdder[] localCalls,
    LongAdder[] timedNanos,
    LongAdder[] timedCalls,
    Consumer<int[]> sampleEvery) {

  /** Creates the counters and call sites of {@code sites} sites in the loader's hooks. */
  public static SiteHooks install(RunClassLoader loader, int sites) {
    LongAdder[] local = adders(sites);
    LongAdder[] nanos = adders(sites);
    LongAdder[] timed = adders(sites);
    loader.setHook("LOCAL_CALLS", local);
    loader.setHook("TIMED_NANOS", nanos);
    loader.setHook("TIMED_CALLS", timed);
    loader.setHook("SAMPLE_EVERY", new int[sites]);
    SiteModes modes = new SiteModes(sites, table -> loader.setHook("MODES", table));
    loader.setHook("SITES", modes.callSites());
    return new SiteHooks(
        loader.hook("LOCAL"),
        modes,
        local,
        nanos,
        timed,
        table -> loader.setHook("SAMPLE_EVERY", table.clone()));
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
