package dev.farcall.coordinator.invocation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Invokes one method of an uploaded program on a worker. */
@RestController
@Tag(name = "invocations", description = "Invoke a method of an uploaded program on a worker")
class InvocationController {

  private final InvocationService service;

  InvocationController(InvocationService service) {
    this.service = service;
  }

  @PostMapping(
      path = "/api/v1/programs/{programId}/invocations",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Invoke a method on a worker",
      description =
          "Invokes a public method of a class of the program on a worker and waits for its"
              + " outcome. Static methods take their parameters as args. Instance methods are"
              + " invoked on a receiver passed by value as the FIRST element of args (a JSON value"
              + " of the class, like any argument); the worker decodes it and calls the method on"
              + " it. Overloads are chosen by parameterTypes when given (Java source names such as"
              + " int, java.lang.String, int[], java.util.List; the receiver is not listed), else"
              + " by the number of args. Values map to JSON as follows: records and POJOs are"
              + " objects keyed by field name, arrays/lists/sets are arrays, enums their constant"
              + " name, byte[] a base64 string, BigDecimal/BigInteger/UUID/java.time values their"
              + " standard strings. The answer is 200 whether the method returned or threw.")
  @ApiResponse(
      responseCode = "200",
      description = "The method returned (RETURNED) or threw (THREW)")
  @ApiResponse(
      responseCode = "400",
      description =
          "Malformed JSON, or missing className/methodName, or timeoutMillis out of range",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "404",
      description = "program-not-found, or method-not-found (with the candidates)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description =
          "ambiguous-method (with the candidates), not-transferable (naming the parameter and"
              + " type), invalid-arguments (naming the argument)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "502",
      description = "worker-error: the worker could not invoke the method (with its code)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "503",
      description = "overloaded: too many invocations in flight; dispatch-unavailable",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "504",
      description = "deadline-exceeded: no worker replied in time",
      content = @Content(mediaType = "application/problem+json"))
  java.util.concurrent.CompletableFuture<InvocationResponse> invoke(
      @Parameter(description = "The program's id") @PathVariable String programId,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = InvocationBody.class)))
          @RequestBody
          InvocationBody body) {
    return service.invokeAsync(programId, body);
  }
}
