package dev.farcall.coordinator.dispatch;

import dev.farcall.dispatch.DispatchSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How invocations are sent, retried and bounded: the dispatch core's settings, plus REST deadlines.
 */
@ConfigurationProperties("farcall.dispatch")
public class DispatchProperties {

  /** Default of {@link #getDefaultDeadline()}. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  /** Default of {@link #getMaxDeadline()}. */
  public static final Duration DEFAULT_MAX_DEADLINE = Duration.ofMinutes(10);

  /** Default of {@link #getMaxAttempts()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = DispatchSettings.DEFAULT_MAX_ATTEMPTS;

  /** Default of {@link #getAttemptTimeout()}. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = DispatchSettings.DEFAULT_ATTEMPT_TIMEOUT;

  /** Default of {@link #getSweepInterval()}. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = DispatchSettings.DEFAULT_SWEEP_INTERVAL;

  /** Default of {@link #getLinger()}. */
  public static final Duration DEFAULT_LINGER = Duration.ZERO;

  /** Default of {@link #getAcks()}. */
  public static final String DEFAULT_ACKS = "all";

  /** Default of {@link #getMaxPending()}. */
  public static final int DEFAULT_MAX_PENDING = DispatchSettings.DEFAULT_MAX_PENDING;

  /** Default of {@link #getCompletionThreads()}. */
  public static final int DEFAULT_COMPLETION_THREADS = DispatchSettings.DEFAULT_COMPLETION_THREADS;

  /** How long a caller waits for an outcome when it does not say. */
  private Duration defaultDeadline = DEFAULT_DEADLINE;

  /** The longest deadline a caller may ask for. */
  private Duration maxDeadline = DEFAULT_MAX_DEADLINE;

  /** How many times one invocation is sent at most (the first send included). */
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

  /**
   * After this long without a reply an invocation is sent again to another live worker (if attempts
   * remain), even though its worker still heartbeats.
   */
  private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;

  /** How often in-flight invocations are checked for deadlines and retries. */
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;

  /**
   * How long the producer waits to batch requests ({@code linger.ms}). Zero by default: a lone call
   * should not wait, and under load records batch anyway while a send is in flight.
   */
  private Duration linger = DEFAULT_LINGER;

  /** Acknowledgements the producer waits for ({@code acks}: 0, 1 or all). */
  private String acks = DEFAULT_ACKS;

  /** How many invocations may be in flight at once; beyond it callers get 503 overloaded. */
  private int maxPending = DEFAULT_MAX_PENDING;

  /** Threads that complete callers' futures, so no caller code runs on the Kafka threads. */
  private int completionThreads = DEFAULT_COMPLETION_THREADS;

  /**
   * The largest encoded argument payload of one invocation; a larger one is a 413 naming this
   * limit, refused before anything is sent. The default fits Kafka's default 1 MiB record limit;
   * raise it only together with the producer's max.request.size and the broker's message.max.bytes.
   */
  private DataSize maxPayloadSize = DataSize.ofBytes(DispatchSettings.DEFAULT_MAX_PAYLOAD_BYTES);

  public Duration getDefaultDeadline() {
    return defaultDeadline;
  }

  public void setDefaultDeadline(Duration defaultDeadline) {
    this.defaultDeadline = defaultDeadline;
  }

  public Duration getMaxDeadline() {
    return maxDeadline;
  }

  public void setMaxDeadline(Duration maxDeadline) {
    this.maxDeadline = maxDeadline;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getAttemptTimeout() {
    return attemptTimeout;
  }

  public void setAttemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = attemptTimeout;
  }

  public Duration getSweepInterval() {
    return sweepInterval;
  }

  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  public Duration getLinger() {
    return linger;
  }

  public void setLinger(Duration linger) {
    this.linger = linger;
  }

  public String getAcks() {
    return acks;
  }

  public void setAcks(String acks) {
    this.acks = acks;
  }

  public int getMaxPending() {
    return maxPending;
  }

  public void setMaxPending(int maxPending) {
    this.maxPending = maxPending;
  }

  public int getCompletionThreads() {
    return completionThreads;
  }

  public void setCompletionThreads(int completionThreads) {
    this.completionThreads = completionThreads;
  }

  public DataSize getMaxPayloadSize() {
    return maxPayloadSize;
  }

  public void setMaxPayloadSize(DataSize maxPayloadSize) {
    this.maxPayloadSize = maxPayloadSize;
  }

  /** The dispatch core's settings. */
  public DispatchSettings toSettings() {
    return new DispatchSettings(
        maxAttempts,
        attemptTimeout,
        sweepInterval,
        maxPending,
        completionThreads,
        (int) Math.min(Integer.MAX_VALUE, maxPayloadSize.toBytes()));
  }
}
