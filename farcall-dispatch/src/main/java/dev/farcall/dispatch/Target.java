package dev.farcall.dispatch;

/**
 * Where a request goes.
 *
 * @param workerId the worker believed to own the partition; null when no worker was alive
 * @param partition the invocations partition
 */
record Target(String workerId, int partition) {

  /** Marks "no target yet". */
  static final Target NONE = new Target(null, -1);
}
