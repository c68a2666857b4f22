package dev.farcall.heuristics.adaptive;

/**
 * Turns the cumulative {@link SiteCounters} of one site, read once per round, into the smoothed
 * {@link LocalProfile} and {@link RemoteProfile} a {@link PolicyRound} carries. Memory is a fixed
 * handful of numbers per site, whatever the number of calls.
 *
 * <p>Each round's window (the counters' growth since the previous observation) gives one value per
 * figure: the mean work per timed call, the mean round trip per answered call, the calls per
 * second, the calls at once (time spent in the window's completed calls over the window's length),
 * the share of CPU samples. Each figure is an exponentially weighted mean of its window values
 * whose weights decay with time ({@code halfLife}), not with the number of calls: a site whose
 * calls turn from a million tiny ones a second to a few heavy ones shows the heavy ones within a
 * half-life or two, and every figure of one round comes from the same windows. A window without
 * calls leaves the per-call means as they were (the last known work of a site that runs remotely
 * stays known). Single-threaded: the policy's thread owns it.
 */
public final class SiteProfileSmoother {

  /**
   * 200 ms: two rounds at the 100 ms cadence, so one noisy window moves a figure by at most about a
   * third while a real change shows within three rounds.
   */
  public static final long DEFAULT_HALF_LIFE_NANOS = 200_000_000L;

  private final double halfLifeNanos;
  private long lastNanos;
  private SiteCounters last = SiteCounters.ZERO;
  private long lastProcessSamples;

  private final Ewma localRate = new Ewma();
  private final Ewma localAtOnce = new Ewma();
  private final Ewma localWork = new Ewma();
  private final Ewma cpuShare = new Ewma();
  private final Ewma remoteRate = new Ewma();
  private final Ewma remoteAtOnce = new Ewma();
  private final Ewma remoteWork = new Ewma();
  private final Ewma remoteRoundTrip = new Ewma();
  private final Ewma bytesSent = new Ewma();
  private final Ewma bytesReceived = new Ewma();

  /**
   * @param halfLifeNanos how fast old windows lose weight, ns (&gt; 0)
   * @param startNanos when the site's counters were zero, on the round's clock
   */
  public SiteProfileSmoother(long halfLifeNanos, long startNanos) {
    if (halfLifeNanos <= 0) {
      throw new IllegalArgumentException("halfLifeNanos must be > 0, was " + halfLifeNanos);
    }
    this.halfLifeNanos = halfLifeNanos;
    this.lastNanos = startNanos;
  }

  /** A smoother with the default half-life. */
  public static SiteProfileSmoother startingAt(long startNanos) {
    return new SiteProfileSmoother(DEFAULT_HALF_LIFE_NANOS, startNanos);
  }

  /**
   * Folds in the counters read at {@code nowNanos}; an observation no later than the previous one
   * is ignored.
   *
   * @param processCpuSamples the process's CPU samples so far (all methods), to make the site's
   *     share; pass 0 always when the driver does not sample CPU
   */
  public void observe(long nowNanos, SiteCounters counters, long processCpuSamples) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed <= 0) {
      return;
    }
    double seconds = elapsed / 1e9;

    long calls = delta(counters.localCalls(), last.localCalls());
    long timed = delta(counters.localTimedCalls(), last.localTimedCalls());
    long timedNanos = delta(counters.localTimedNanos(), last.localTimedNanos());
    if (timed > 0) {
      localWork.add((double) timedNanos / timed, nowNanos);
    }
    localRate.add(calls / seconds, nowNanos);
    // time in the window's calls: the timed ones scaled up to all, by the mean if none was timed
    double inCalls = timed > 0 ? (double) timedNanos * calls / timed : calls * localWork.value();
    localAtOnce.add(inCalls / elapsed, nowNanos);
    long samples = delta(processCpuSamples, lastProcessSamples);
    if (samples > 0) {
      cpuShare.add(
          Math.min(1, (double) delta(counters.cpuSamples(), last.cpuSamples()) / samples),
          nowNanos);
    }

    long answered = delta(counters.remoteCalls(), last.remoteCalls());
    long roundTrips = delta(counters.remoteRoundTripNanos(), last.remoteRoundTripNanos());
    if (answered > 0) {
      remoteWork.add(
          (double) delta(counters.remoteWorkNanos(), last.remoteWorkNanos()) / answered, nowNanos);
      remoteRoundTrip.add((double) roundTrips / answered, nowNanos);
      bytesSent.add(
          (double) delta(counters.remoteBytesSent(), last.remoteBytesSent()) / answered, nowNanos);
      bytesReceived.add(
          (double) delta(counters.remoteBytesReceived(), last.remoteBytesReceived()) / answered,
          nowNanos);
    }
    remoteRate.add(answered / seconds, nowNanos);
    remoteAtOnce.add((double) roundTrips / elapsed, nowNanos);

    last = counters;
    lastNanos = nowNanos;
    lastProcessSamples = processCpuSamples;
  }

  /** The LOCAL profile as of the last observation. */
  public LocalProfile local() {
    return new LocalProfile(
        last.localCalls(),
        localRate.value(),
        localAtOnce.value(),
        last.localTimedCalls(),
        localWork.value(),
        cpuShare.value());
  }

  /** The REMOTE profile as of the last observation. */
  public RemoteProfile remote() {
    return new RemoteProfile(
        last.remoteCalls(),
        remoteRate.value(),
        remoteAtOnce.value(),
        remoteWork.value(),
        Math.max(remoteRoundTrip.value(), remoteWork.value()),
        bytesSent.value(),
        bytesReceived.value(),
        Math.max(0, last.remoteInFlight()));
  }

  /** Whether any remote call of the site was answered. */
  public boolean everMeasuredRemote() {
    return last.remoteCalls() > 0;
  }

  private static long delta(long now, long before) {
    return Math.max(0, now - before);
  }

  /**
   * A mean of window values, each weighing by the time since it, not by its number of calls: a
   * value last added long ago counts little against a new one (the few first remote calls of a
   * site, slow while a worker loads its classes, are forgotten when it is tried again later).
   */
  private final class Ewma {
    private double value;
    private boolean seen;
    private long addedNanos;

    void add(double window, long nowNanos) {
      double keep = seen ? Math.pow(0.5, (nowNanos - addedNanos) / halfLifeNanos) : 0;
      value = value * keep + window * (1 - keep);
      seen = true;
      addedNanos = nowNanos;
    }

    double value() {
      return value;
    }
  }
}
