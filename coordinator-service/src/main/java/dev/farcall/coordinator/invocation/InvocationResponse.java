package dev.farcall.coordinator.invocation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /api/v1/programs/{id}/invocations}: the method returned ({@code result}
 * present, possibly {@code null}) or threw ({@code exception} present).
 *
 * @param invocationId the invocation's id (the same across retries)
 * @param outcome RETURNED or THREW
 * @param result the returned value as JSON (only for RETURNED; {@code null} for void)
 * @param exception what the method threw (only for THREW)
 * @param workerId the worker whose reply counted
 * @param micros round trip seen by the coordinator, from the first send to the reply
 * @param executeMicros time the worker spent inside the method
 * @param attempts how many times the invocation had been sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvocationResponse(
    String invocationId,
    Outcome outcome,
    @Schema(description = "The returned value as JSON; null for void (RETURNED only)")
        JsonNode result,
    @Schema(description = "What the method threw (THREW only)") ExceptionView exception,
    String workerId,
    @Schema(description = "Round trip on the coordinator, first send to reply") long micros,
    @Schema(description = "Time the worker spent inside the method") long executeMicros,
    @Schema(description = "How many times the invocation was sent") int attempts) {

  /** How the method ended. */
  enum Outcome {
    RETURNED,
    THREW
  }

  /**
   * An exception thrown by the invoked method.
   *
   * @param type binary name of its class
   * @param message its message, if any
   * @param stackTrace its frames, innermost first
   * @param cause its cause, if any
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExceptionView(String type, String message, List<String> stackTrace, ExceptionView cause) {}
}
