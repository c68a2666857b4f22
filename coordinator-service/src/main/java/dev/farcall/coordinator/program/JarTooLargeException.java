package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An uploaded jar is larger than {@code farcall.programs.max-jar-size} (413). */
public class JarTooLargeException extends FarcallException {

  static final String LIMIT = "farcall.programs.max-jar-size";

  private final long maxBytes;

  JarTooLargeException(long maxBytes) {
    super("The jar is larger than " + maxBytes + " bytes (limit " + LIMIT + ")");
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.CONTENT_TOO_LARGE;
  }

  @Override
  public String problemType() {
    return "payload-too-large";
  }

  @Override
  public String title() {
    return "Payload too large";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("limit", LIMIT, "maxBytes", maxBytes);
  }
}
