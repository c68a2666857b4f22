package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The program has no method with the given key (404, {@code method-not-in-program}). */
class UnknownMethodException extends FarcallException {

  private final String programId;
  private final String key;

  UnknownMethodException(String programId, String key) {
    super("Program '" + programId + "' has no method '" + key + "'");
    this.programId = programId;
    this.key = key;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }

  @Override
  public String problemType() {
    return "method-not-in-program";
  }

  @Override
  public String title() {
    return "No such method";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("programId", programId, "key", key);
  }
}
