package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The invocation request itself is incomplete or out of range (not the method's arguments). */
final class InvalidInvocationRequestException extends FarcallException {

  private final String field;

  InvalidInvocationRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.BAD_REQUEST;
  }

  @Override
  public String problemType() {
    return "invalid-request";
  }

  @Override
  public String title() {
    return "Invalid request";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("field", field);
  }
}
