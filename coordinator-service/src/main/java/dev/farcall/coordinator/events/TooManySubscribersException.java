package dev.farcall.coordinator.events;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Too many clients stream events already (503, {@code too-many-event-streams}). */
class TooManySubscribersException extends FarcallException {

  private final int limit;

  /**
   * @param limit {@code farcall.events.max-subscribers}
   */
  TooManySubscribersException(int limit) {
    super(limit + " clients stream events already (farcall.events.max-subscribers); retry later");
    this.limit = limit;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.SERVICE_UNAVAILABLE;
  }

  @Override
  public String problemType() {
    return "too-many-event-streams";
  }

  @Override
  public String title() {
    return "Too many event streams";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("limit", limit);
  }

  @Override
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "5");
    return headers;
  }
}
