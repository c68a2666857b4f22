package dev.farcall.dispatch;

/**
 * An {@link RemoteCall.Delivery#AT_MOST_ONCE} call whose worker died (or stopped answering) before
 * it replied: it may or may not have run there, and it is not sent again.
 */
public class WorkerLostException extends DispatchException {

  private final String workerId;

  public WorkerLostException(String invocationId, String workerId) {
    super(
        invocationId,
        "worker "
            + workerId
            + " was lost before it answered invocation "
            + invocationId
            + "; the method may or may not have run there (at most once), and it is not sent again"
            + " because it has effects (a REST invocation may ask for \"retry\": \"ALWAYS\")",
        null);
    this.workerId = workerId;
  }

  /** The worker that held the call. */
  public String workerId() {
    return workerId;
  }
}
