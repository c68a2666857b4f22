package dev.farcall.coordinator.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the run driver ({@code farcall.run.*}). */
@ConfigurationProperties("farcall.run")
public class RunProperties {

  static final int DEFAULT_MAX_CONCURRENT = 4;
  static final int DEFAULT_QUEUE_CAPACITY = 100;
  static final DataSize DEFAULT_OUTPUT_CAP = DataSize.ofMegabytes(1);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_STOP_GRACE = Duration.ofMillis(500);
  static final Duration DEFAULT_COUNT_LOCAL_CALLS_MIN_WORK = Duration.ofNanos(1_000);

  /** How many runs execute at the same time; further runs wait in the queue (QUEUED). */
  private int maxConcurrent = DEFAULT_MAX_CONCURRENT;

  /** How many runs may wait; a start beyond that is refused with 503. */
  private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

  /** Cap of each of a run's stdout and stderr; more is dropped after a visible marker. */
  private DataSize outputCap = DEFAULT_OUTPUT_CAP;

  /** How long a remote call may take before it runs at home instead. */
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

  /**
   * Whether LOCAL sites count their calls (one striped counter increment per call). Off, a LOCAL
   * call costs nothing over a direct call once compiled, and the stats show LOCAL sites' local
   * calls as not counted.
   */
  private boolean countLocalCalls = true;

  /**
   * LOCAL sites whose estimated work per call (from the placement's cost model) is below this do
   * not count their calls: for a method of a few nanoseconds the counter would cost more than the
   * call. Zero counts every site.
   */
  private Duration countLocalCallsMinWork = DEFAULT_COUNT_LOCAL_CALLS_MIN_WORK;

  /** How long an ended run's leftover threads get after an interrupt before they are stopped. */
  private Duration stopGrace = DEFAULT_STOP_GRACE;

  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public DataSize getOutputCap() {
    return outputCap;
  }

  public void setOutputCap(DataSize outputCap) {
    this.outputCap = outputCap;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public boolean isCountLocalCalls() {
    return countLocalCalls;
  }

  public void setCountLocalCalls(boolean countLocalCalls) {
    this.countLocalCalls = countLocalCalls;
  }

  public Duration getCountLocalCallsMinWork() {
    return countLocalCallsMinWork;
  }

  public void setCountLocalCallsMinWork(Duration countLocalCallsMinWork) {
    this.countLocalCallsMinWork = countLocalCallsMinWork;
  }

  public Duration getStopGrace() {
    return stopGrace;
  }

  public void setStopGrace(Duration stopGrace) {
    this.stopGrace = stopGrace;
  }

  RunSettings toSettings() {
    return new RunSettings(
        (int) Math.min(Integer.MAX_VALUE - 1024, outputCap.toBytes()),
        callTimeout,
        countLocalCalls,
        countLocalCallsMinWork,
        stopGrace);
  }
}
