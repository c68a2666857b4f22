package dev.farcall.coordinator.timeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Timelines of remote calls ({@code farcall.timeline.*}). */
@ConfigurationProperties("farcall.timeline")
public class TimelineProperties {

  /** Default number of remote calls recorded per run. */
  public static final int DEFAULT_MAX_CALLS = 100_000;

  /**
   * Remote calls recorded per run (about 40 bytes each); later calls are counted as dropped, so a
   * run of millions of calls cannot exhaust the coordinator's memory.
   */
  private int maxCalls = DEFAULT_MAX_CALLS;

  public int getMaxCalls() {
    return maxCalls;
  }

  public void setMaxCalls(int maxCalls) {
    this.maxCalls = maxCalls;
  }
}
