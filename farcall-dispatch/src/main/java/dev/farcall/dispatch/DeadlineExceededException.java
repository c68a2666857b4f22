package dev.farcall.dispatch;

/** No reply arrived before the call's deadline. */
public class DeadlineExceededException extends DispatchException {

  private final Deadline deadline;
  private final int attempts;

  public DeadlineExceededException(String invocationId, Deadline deadline, int attempts) {
    super(
        invocationId,
        "invocation "
            + invocationId
            + " got no reply before its deadline "
            + deadline
            + " ("
            + attempts
            + (attempts == 1 ? " attempt)" : " attempts)"),
        null);
    this.deadline = deadline;
    this.attempts = attempts;
  }

  /** When it expired. */
  public Deadline deadline() {
    return deadline;
  }

  /** How many times it had been sent. */
  public int attempts() {
    return attempts;
  }
}
