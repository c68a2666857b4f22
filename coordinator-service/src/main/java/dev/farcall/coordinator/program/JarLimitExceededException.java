package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An uploaded jar exceeds one of the {@code farcall.programs.*} limits on its contents (422, {@code
 * jar-limit-exceeded}), e.g. a zip bomb. Names the limit's property, its value and, where known,
 * the entry at which inspection stopped.
 */
public class JarLimitExceededException extends FarcallException {

  private final String limit;
  private final long limitValue;
  private final String entry;

  JarLimitExceededException(String limit, long limitValue, String entry, String message) {
    super(message + " (limit " + limit + " = " + limitValue + ")");
    this.limit = limit;
    this.limitValue = limitValue;
    this.entry = entry;
  }

  /** The configuration property of the limit that was exceeded. */
  public String limit() {
    return limit;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "jar-limit-exceeded";
  }

  @Override
  public String title() {
    return "Jar exceeds a limit";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("limit", limit);
    properties.put("limitValue", limitValue);
    if (entry != null) {
      properties.put("entry", entry);
    }
    return properties;
  }
}
