package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The worker could not invoke the method at all (it could not fetch the jar, find the method,
 * decode the arguments...), or its reply could not be read.
 */
final class WorkerErrorException extends FarcallException {

  private final String code;
  private final String workerId;
  private final String invocationId;

  WorkerErrorException(String code, String message, String workerId, String invocationId) {
    super(message);
    this.code = code;
    this.workerId = workerId;
    this.invocationId = invocationId;
  }

  /** The worker's error code, e.g. {@code JAR_UNAVAILABLE}. */
  String code() {
    return code;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.BAD_GATEWAY;
  }

  @Override
  public String problemType() {
    return "worker-error";
  }

  @Override
  public String title() {
    return "Worker error";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("code", code);
    p.put("workerId", workerId);
    p.put("invocationId", invocationId);
    return p;
  }
}
