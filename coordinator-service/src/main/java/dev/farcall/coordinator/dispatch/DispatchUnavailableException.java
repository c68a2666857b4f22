package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An invocation could not be sent (Kafka refused it) or the dispatcher is shutting down. */
public class DispatchUnavailableException extends FarcallException {

  private final String invocationId;

  public DispatchUnavailableException(String invocationId, String message, Throwable cause) {
    super(message, cause);
    this.invocationId = invocationId;
  }

  /** The call that could not be completed. */
  public String invocationId() {
    return invocationId;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.SERVICE_UNAVAILABLE;
  }

  @Override
  public String problemType() {
    return "dispatch-unavailable";
  }

  @Override
  public String title() {
    return "Dispatch unavailable";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("invocationId", invocationId);
  }
}
