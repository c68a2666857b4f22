package dev.farcall.dispatch;

/**
 * Where a remote object's call goes.
 *
 * @param worker the worker that holds the object (CALL, CLOSE) or that should create it (CREATE);
 *     null lets a CREATE go to the least loaded ALIVE worker
 * @param exclude a worker a CREATE must avoid (the one a restart moves away from), or null
 */
public record ObjectRoute(String worker, String exclude) {

  /** The owner of an existing object. */
  public static ObjectRoute owner(String workerId) {
    return new ObjectRoute(workerId, null);
  }

  /** A new object on any live worker but {@code exclude} (null: any at all). */
  public static ObjectRoute anyBut(String exclude) {
    return new ObjectRoute(null, exclude);
  }
}
