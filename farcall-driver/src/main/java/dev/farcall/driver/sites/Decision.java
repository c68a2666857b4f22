package dev.farcall.driver.sites;

/** Where calls of a dispatchable method run. */
public enum Decision {
  /** At home, in the run's JVM. */
  LOCAL,
  /** On a worker (at home again when no worker answers in time). */
  REMOTE
}
