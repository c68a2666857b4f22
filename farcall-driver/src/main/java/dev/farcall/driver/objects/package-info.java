/**
 * {@code Farcall.remote} in a run: the type check against the effect analysis, encoding with the
 * shared codec, and handles whose calls go through the run's dispatch core to the owning worker.
 */
package dev.farcall.driver.objects;
