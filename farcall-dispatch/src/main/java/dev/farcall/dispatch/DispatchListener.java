package dev.farcall.dispatch;

/**
 * What the dispatcher reports as it works, for metrics. The coordinator turns it into Micrometer
 * meters; the run driver counts what its run's stats need. Called on hot paths: implementations
 * must be cheap and never block.
 */
public interface DispatchListener {

  /** Reports nothing. */
  DispatchListener NONE = new DispatchListener() {};

  /** {@code calls} calls were sent for the first time. */
  default void sent(int calls) {}

  /** {@code calls} calls were sent again after their worker turned SUSPECT/DEAD or timed out. */
  default void resent(int calls) {}

  /** A reply arrived for a call that was already completed (or expired). */
  default void duplicateReply() {}

  /** A call failed because no reply arrived before its deadline. */
  default void deadlineExpired() {}

  /** A record on the reply topic could not be decoded. */
  default void malformedReply() {}

  /** A call was answered, {@code micros} after its first send. */
  default void answered(long micros) {}
}
