package dev.farcall.examples.analysis;

/** A pipeline stage; one implementation ({@link Logged}) hides I/O three calls deep. */
public interface Stage {
  String apply(String input);
}
