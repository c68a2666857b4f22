package dev.farcall.coordinator.invocation;

import dev.farcall.dispatch.objects.ObjectInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Remote objects over REST: create, call, list and delete objects that live on workers. */
@RestController
@Tag(name = "objects", description = "Remote objects: state that lives on a worker")
class ObjectController {

  private final ObjectService service;

  ObjectController(ObjectService service) {
    this.service = service;
  }

  @PostMapping(
      path = "/api/v1/programs/{programId}/objects",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create a remote object",
      description =
          "Runs a public constructor of a class of the program on a worker and keeps the object"
              + " there until it is deleted (it belongs to no run). Arguments map to JSON as for"
              + " invocations.")
  @ApiResponse(responseCode = "201", description = "Created: its id and worker")
  @ApiResponse(
      responseCode = "422",
      description = "constructor-failed, not-transferable, invalid-arguments",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "502",
      description = "worker-error (e.g. OBJECT_LIMIT_REACHED)",
      content = @Content(mediaType = "application/problem+json"))
  CompletableFuture<ResponseEntity<ObjectService.Created>> create(
      @PathVariable String programId, @RequestBody ObjectBody body) {
    return service
        .create(programId, body)
        .thenApply(created -> ResponseEntity.status(HttpStatus.CREATED).body(created));
  }

  @PostMapping(
      path = "/api/v1/objects/{objectId}/invocations",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Call a method of a remote object",
      description =
          "Same body and answers as invocations; className is ignored (the object's class is"
              + " used) and args do not include a receiver. Calls of one object run one at a time"
              + " in the order they arrive, at most once.")
  @ApiResponse(responseCode = "200", description = "The method returned (RETURNED) or threw")
  @ApiResponse(
      responseCode = "404",
      description = "object-not-found (never made, or deleted), method-not-found",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "410",
      description = "object-lost: its worker was lost (with the cause)",
      content = @Content(mediaType = "application/problem+json"))
  CompletableFuture<InvocationResponse> invoke(
      @PathVariable String objectId, @RequestBody InvocationBody body) {
    return service.invoke(objectId, body);
  }

  @GetMapping(path = "/api/v1/objects", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "List remote objects: those created over REST and those of running runs",
      description =
          "Owner worker, calls, state, restarts and the cause of the last loss of each; runId"
              + " names the run an object belongs to (its driver reports them with its stats)")
  List<ObjectInfo> list() {
    return service.list();
  }

  @DeleteMapping(path = "/api/v1/objects/{objectId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a remote object",
      description = "Calls already made still run; later calls answer 404")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(
      responseCode = "404",
      description = "object-not-found",
      content = @Content(mediaType = "application/problem+json"))
  void delete(@PathVariable String objectId) {
    service.delete(objectId);
  }
}
