package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** The arguments do not fit the method: wrong count, or a value of the wrong shape or range. */
final class InvalidArgumentsException extends FarcallException {

  private final String programId;
  private final String method;
  private final String argument;

  /**
   * @param argument the offending argument's name, or null when the count is wrong
   */
  InvalidArgumentsException(String programId, String method, String argument, String message) {
    super(message);
    this.programId = programId;
    this.method = method;
    this.argument = argument;
  }

  /** The offending argument (a parameter name, or {@code receiver}), if one is to blame. */
  Optional<String> argument() {
    return Optional.ofNullable(argument);
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-arguments";
  }

  @Override
  public String title() {
    return "Invalid arguments";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("programId", programId);
    p.put("method", method);
    if (argument != null) {
      p.put("argument", argument);
    }
    return p;
  }
}
