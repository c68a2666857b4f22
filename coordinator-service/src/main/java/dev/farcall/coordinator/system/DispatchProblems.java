package dev.farcall.coordinator.system;

import dev.farcall.dispatch.CallTooLargeException;
import dev.farcall.dispatch.DeadlineExceededException;
import dev.farcall.dispatch.DispatchException;
import dev.farcall.dispatch.DispatchUnavailableException;
import dev.farcall.dispatch.OverloadedException;
import dev.farcall.dispatch.WorkerLostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems the dispatch core's failures become over REST. The core is plain Java and knows no
 * HTTP, so the mapping lives here, next to the rest of {@link ProblemAdvice}.
 */
final class DispatchProblems {

  private DispatchProblems() {}

  static ProblemDetail of(DispatchException e) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("invocationId", e.invocationId());
    ProblemDetail problem;
    if (e instanceof DeadlineExceededException expired) {
      problem =
          Problems.of(
              HttpStatus.GATEWAY_TIMEOUT, "deadline-exceeded", "Deadline exceeded", e.getMessage());
      properties.put("deadline", expired.deadline().toString());
      properties.put("attempts", expired.attempts());
    } else if (e instanceof CallTooLargeException tooLarge) {
      // Not a 503: sending the same call again can never succeed.
      problem =
          Problems.of(
              HttpStatus.CONTENT_TOO_LARGE,
              "payload-too-large",
              "Payload too large",
              e.getMessage());
      properties.put("part", tooLarge.part().name());
      properties.put("limit", tooLarge.limit());
      if (tooLarge.maxBytes() >= 0) {
        properties.put("maxBytes", tooLarge.maxBytes());
      }
      if (tooLarge.bytes() >= 0) {
        properties.put("bytes", tooLarge.bytes());
      }
    } else if (e instanceof OverloadedException overloaded) {
      problem =
          Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded", e.getMessage());
      properties.remove("invocationId");
      properties.put("limit", overloaded.limit());
    } else if (e instanceof WorkerLostException lost) {
      problem =
          Problems.of(
              HttpStatus.BAD_GATEWAY,
              "worker-lost",
              "Worker lost, outcome unknown",
              e.getMessage());
      properties.put("workerId", lost.workerId());
      // At most once: the caller must not assume either outcome, nor that it is safe to repeat.
      properties.put("delivery", "AT_MOST_ONCE");
      properties.put("mayHaveRun", true);
    } else if (e instanceof DispatchUnavailableException) {
      problem =
          Problems.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "dispatch-unavailable",
              "Dispatch unavailable",
              e.getMessage());
    } else {
      problem =
          Problems.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "dispatch-unavailable",
              "Dispatch unavailable",
              e.getMessage());
    }
    properties.forEach(problem::setProperty);
    return problem;
  }
}
