package dev.farcall.coordinator.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the coordinator analyses uploaded programs ({@code farcall.analysis.*}). */
@ConfigurationProperties("farcall.analysis")
public class AnalysisProperties {

  /** Default number of analysis threads. */
  public static final int DEFAULT_THREADS = 1;

  /** Default number of analyses that may wait for a thread. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1000;

  /** Threads analysing programs at the same time; each analysis is CPU-bound. */
  private int threads = DEFAULT_THREADS;

  /**
   * Analyses that may wait for a thread; a submission beyond it fails at once (FAILED, "queue
   * full") rather than piling up.
   */
  private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

  /**
   * Whether methods whose only effect is NONDETERMINISTIC (clock, unseeded randomness) may move;
   * off by default because a remote clock or random source changes results.
   */
  private boolean allowNondeterministic;

  public int getThreads() {
    return threads;
  }

  public void setThreads(int threads) {
    this.threads = threads;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public boolean isAllowNondeterministic() {
    return allowNondeterministic;
  }

  public void setAllowNondeterministic(boolean allowNondeterministic) {
    this.allowNondeterministic = allowNondeterministic;
  }
}
