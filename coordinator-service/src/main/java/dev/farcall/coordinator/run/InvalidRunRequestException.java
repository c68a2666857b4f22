package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A run request that cannot be honoured: an unknown heuristic, a bad tunable, a bad deadline. */
public class InvalidRunRequestException extends FarcallException {

  private final String field;

  InvalidRunRequestException(String field, String problem) {
    super(problem);
    this.field = field;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-run-request";
  }

  @Override
  public String title() {
    return "The run request is invalid";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("field", field);
  }
}
