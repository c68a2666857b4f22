package dev.farcall.coordinator.invocation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of direct REST invocations. */
@ConfigurationProperties("farcall.invocation")
public class InvocationProperties {

  /** Default of {@link #getCachedPrograms()}. */
  public static final int DEFAULT_CACHED_PROGRAMS = 16;

  /**
   * How many programs keep their class loader and codecs in memory (least recently used are
   * dropped); each holds its jar's bytes.
   */
  private int cachedPrograms = DEFAULT_CACHED_PROGRAMS;

  public int getCachedPrograms() {
    return cachedPrograms;
  }

  public void setCachedPrograms(int cachedPrograms) {
    this.cachedPrograms = cachedPrograms;
  }
}
