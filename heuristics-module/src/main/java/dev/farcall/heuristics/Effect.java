package dev.farcall.heuristics;

/**
 * What a method may do besides computing its result, as classified by the analysis. A method with
 * any effect except {@link #NONDETERMINISTIC} (which is a tunable) never moves.
 */
public enum Effect {
  /** Files, channels, sockets, the console, processes, logging, the process environment. */
  IO,
  /** Writes a static field (or an object reachable from one) outside {@code <clinit>}. */
  GLOBAL_WRITE,
  /**
   * Reads a static field that is written outside {@code <clinit>}, or whose {@code <clinit>} value
   * differs between machines (I/O, clock, randomness, environment).
   */
  GLOBAL_READ,
  /** Native methods, {@code Unsafe}, JNI. */
  NATIVE,
  /** Creates or joins threads, waits or notifies, locks an object that is not fresh. */
  THREADS,
  /** Writes a field or array element of an object reachable from a parameter or the receiver. */
  ARG_MUTATION,
  /** Clock, unseeded randomness, identity hash codes. */
  NONDETERMINISTIC,
  /** Reflection and method handles (the analysis cannot see what they call). */
  REFLECTION,
  /** Ends the JVM: {@code System.exit}, {@code Runtime.exit/halt}. */
  EXIT,
  /** Calls something the analysis cannot resolve and no knowledge or declaration covers. */
  UNKNOWN
}
