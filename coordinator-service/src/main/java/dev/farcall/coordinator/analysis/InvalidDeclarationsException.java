package dev.farcall.coordinator.analysis;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A declarations file has a line that cannot be parsed (422, {@code invalid-declarations}); nothing
 * was changed.
 */
public class InvalidDeclarationsException extends FarcallException {

  private final int line;

  /**
   * @param line the 1-based number of the first bad line
   * @param message what is wrong with it
   */
  public InvalidDeclarationsException(int line, String message) {
    super(message);
    this.line = line;
  }

  /** The 1-based number of the first bad line. */
  public int line() {
    return line;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-declarations";
  }

  @Override
  public String title() {
    return "Invalid declarations";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("line", line);
  }
}
