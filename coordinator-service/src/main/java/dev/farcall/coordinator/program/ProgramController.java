package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/programs}: upload, list, show, delete programs and download their jars. */
@RestController
@RequestMapping("/api/v1/programs")
@Tag(name = "Programs", description = "Uploaded Java programs (jars)")
class ProgramController {

  static final MediaType JAVA_ARCHIVE = MediaType.parseMediaType("application/java-archive");

  private final ProgramStore store;
  private final AnalysisSummaries summaries;

  ProgramController(ProgramStore store, ObjectProvider<AnalysisSummaries> summaries) {
    this.store = store;
    this.summaries = summaries.getIfAvailable(() -> id -> Optional.empty());
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Upload a jar",
      description =
          "Validates the jar (a zip holding classes, within the farcall.programs.* limits) and"
              + " stores it. The same bytes uploaded again return the existing program.")
  @ApiResponse(responseCode = "201", description = "Stored; Location names the new program")
  @ApiResponse(responseCode = "200", description = "The same bytes were stored already")
  @ApiResponse(responseCode = "413", description = "Larger than farcall.programs.max-jar-size")
  @ApiResponse(responseCode = "422", description = "Not a jar, or a limit exceeded (zip bomb)")
  ResponseEntity<ProgramResponse> upload(
      @Parameter(description = "The jar") @RequestPart("file") MultipartFile file,
      @Parameter(description = "A name; defaults to the file's name")
          @RequestParam(name = "name", required = false)
          String name)
      throws IOException {
    ProgramStore.Upload upload;
    try (InputStream content = file.getInputStream()) {
      upload = store.upload(name, file.getOriginalFilename(), content);
    }
    ProgramResponse body = ProgramResponse.of(upload.program(), summaries);
    if (!upload.created()) {
      return ResponseEntity.ok(body);
    }
    return ResponseEntity.created(URI.create("/api/v1/programs/" + body.id())).body(body);
  }

  @GetMapping
  @Operation(
      summary = "List programs",
      description =
          "The stored programs, oldest first: all of them, or with ?limit= (and ?cursor=) one page;"
              + " a Link header with rel=\"next\" then names the next page.")
  @ApiResponse(responseCode = "200", description = "The programs (a JSON array)")
  @ApiResponse(responseCode = "400", description = "A limit out of 1..500 or a bad cursor")
  ResponseEntity<List<ProgramResponse>> list(
      @Parameter(description = "At most this many programs (1..500)")
          @RequestParam(name = "limit", required = false)
          Integer limit,
      @Parameter(description = "Where the page starts: the cursor of a Link rel=\"next\"")
          @RequestParam(name = "cursor", required = false)
          String cursor) {
    Optional<Paging.PageRequest> request = Paging.PageRequest.of(limit, cursor);
    if (request.isEmpty()) {
      return ResponseEntity.ok(
          store.list().stream().map(p -> ProgramResponse.of(p, summaries)).toList());
    }
    Paging.Page<StoredProgram> page = store.page(request.get());
    return ResponseEntity.ok()
        .headers(page.headers())
        .body(page.items().stream().map(p -> ProgramResponse.of(p, summaries)).toList());
  }

  @GetMapping("/{id}")
  @Operation(summary = "Show a program")
  @ApiResponse(responseCode = "200", description = "The program")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "program-in-use: runs of the program are active")
  ProgramResponse show(@PathVariable String id) {
    return ProgramResponse.of(store.get(id), summaries);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a program and its jar")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "program-in-use: runs of the program are active")
  ResponseEntity<Void> delete(@PathVariable String id) {
    store.delete(id);
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  @GetMapping("/{id}/jar")
  @Operation(
      summary = "Download a program's jar",
      description =
          "The jar's bytes with ETag = quoted hex SHA-256; If-None-Match with that ETag gives 304."
              + " Workers fetch jars here with the worker token.")
  @ApiResponse(responseCode = "200", description = "The jar")
  @ApiResponse(responseCode = "304", description = "The client's copy (If-None-Match) is current")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "program-in-use: runs of the program are active")
  ResponseEntity<Resource> jar(@PathVariable String id) {
    StoredProgram program = store.get(id);
    // Spring MVC answers 304 itself when If-None-Match matches the ETag of a 200 GET response.
    return ResponseEntity.ok()
        .eTag(program.sha256())
        .contentType(JAVA_ARCHIVE)
        .contentLength(program.sizeBytes())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(program.sha256() + ".jar").build().toString())
        .body(new FileSystemResource(store.jarOf(program)));
  }
}
