package dev.farcall.api;

/**
 * A call of a remote object did not run (or its result is unknown) because the object is gone, and
 * why. A call in flight when its object was lost may or may not have run: it is never run again.
 */
public class RemoteObjectLostException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an object was lost. */
  public enum Cause {
    /** The worker that held it died or stopped answering. */
    WORKER_LOST,
    /** Its worker ran out of memory (or may hold no more objects). */
    OUT_OF_MEMORY,
    /** Its constructor threw; the exception's cause is what it threw. */
    CONSTRUCTOR_FAILED,
    /** It was closed. */
    CLOSED,
    /** The run that created it ended. */
    OWNER_RUN_ENDED
  }

  private final String objectId;
  private final Cause cause;
  private final boolean stateLost;

  public RemoteObjectLostException(String objectId, Cause cause, String message) {
    this(objectId, cause, false, message, null);
  }

  /**
   * @param objectId the object's id
   * @param cause why it was lost
   * @param stateLost whether it was (or is being) recreated with fresh state, so that this call's
   *     effects, and every earlier one's, are gone
   * @param message what happened, for a person
   * @param thrown what was thrown (a constructor's exception), or null
   */
  public RemoteObjectLostException(
      String objectId, Cause cause, boolean stateLost, String message, Throwable thrown) {
    super(
        "remote object "
            + objectId
            + " lost ("
            + cause
            + ")"
            + (stateLost ? ", state lost" : "")
            + ": "
            + message,
        thrown);
    this.objectId = objectId;
    this.cause = cause;
    this.stateLost = stateLost;
  }

  /** The object's id. */
  public String objectId() {
    return objectId;
  }

  /** Why the object was lost. */
  public Cause lossCause() {
    return cause;
  }

  /** Whether the object was recreated with fresh state after this loss. */
  public boolean stateLost() {
    return stateLost;
  }
}
