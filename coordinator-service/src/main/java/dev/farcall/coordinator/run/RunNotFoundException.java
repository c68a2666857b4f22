package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No run has this id. */
public class RunNotFoundException extends FarcallException {

  private final String runId;

  RunNotFoundException(String runId) {
    super("No run with id " + runId);
    this.runId = runId;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }

  @Override
  public String problemType() {
    return "run-not-found";
  }

  @Override
  public String title() {
    return "Run not found";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("runId", runId);
  }
}
