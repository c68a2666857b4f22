package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The run queue is full: too many runs are waiting already. */
public class RunQueueFullException extends FarcallException {

  private final int capacity;

  RunQueueFullException(int capacity) {
    super("Too many runs are waiting (queue capacity " + capacity + "); try again later");
    this.capacity = capacity;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.SERVICE_UNAVAILABLE;
  }

  @Override
  public String problemType() {
    return "run-queue-full";
  }

  @Override
  public String title() {
    return "Run queue full";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("queueCapacity", capacity);
  }
}
