package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The pending table is full: too many invocations are in flight. */
public class OverloadedException extends FarcallException {

  private final int limit;

  public OverloadedException(int limit) {
    super("too many invocations in flight (limit " + limit + "); try again later");
    this.limit = limit;
  }

  /** The configured maximum of in-flight invocations. */
  public int limit() {
    return limit;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.SERVICE_UNAVAILABLE;
  }

  @Override
  public String problemType() {
    return "overloaded";
  }

  @Override
  public String title() {
    return "Overloaded";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("limit", limit);
  }
}
