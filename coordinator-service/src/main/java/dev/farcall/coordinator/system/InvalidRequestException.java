package dev.farcall.coordinator.system;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that is well-formed but whose values make no sense (400, {@code invalid-request}).
 * Names the offending field so a client can point at it.
 */
public class InvalidRequestException extends FarcallException {

  private final String field;

  /**
   * @param field the request field (parameter, part or JSON member) that is wrong
   * @param message what is wrong with it
   */
  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending request field. */
  public String field() {
    return field;
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
