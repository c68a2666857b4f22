package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.system.FarcallException;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No reply arrived before the call's deadline. */
public class DeadlineExceededException extends FarcallException {

  private final String invocationId;
  private final Instant deadline;
  private final int attempts;

  public DeadlineExceededException(String invocationId, Instant deadline, int attempts) {
    super(
        "invocation "
            + invocationId
            + " got no reply before its deadline "
            + deadline
            + " ("
            + attempts
            + (attempts == 1 ? " attempt)" : " attempts)"));
    this.invocationId = invocationId;
    this.deadline = deadline;
    this.attempts = attempts;
  }

  /** The call that expired. */
  public String invocationId() {
    return invocationId;
  }

  /** When it expired. */
  public Instant deadline() {
    return deadline;
  }

  /** How many times it had been sent. */
  public int attempts() {
    return attempts;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.GATEWAY_TIMEOUT;
  }

  @Override
  public String problemType() {
    return "deadline-exceeded";
  }

  @Override
  public String title() {
    return "Deadline exceeded";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of(
        "invocationId", invocationId, "deadline", deadline.toString(), "attempts", attempts);
  }
}
