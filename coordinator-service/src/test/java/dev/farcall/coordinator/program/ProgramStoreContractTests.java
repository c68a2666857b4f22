package dev.farcall.coordinator.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.coordinator.CoordinatorTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The program store's behaviour, run once per database (subclasses choose H2 or PostgreSQL): the
 * REST API, the rows and files it keeps, and what it keeps of rejected uploads (nothing).
 */
abstract class ProgramStoreContractTests extends CoordinatorTestBase {

  @Autowired ProgramRepository repository;
  @Autowired ProgramLookup lookup;
  @Autowired JdbcClient jdbc;

  ProgramsClient admin;

  @BeforeEach
  void setUpClient() {
    admin = new ProgramsClient(client(ADMIN_TOKEN));
  }

  @Test
  void uploadingAJarCreatesAProgramWithItsFields() throws Exception {
    byte[] jar = TestJars.jar();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    ResponseEntity<JsonNode> response = admin.upload(jar, "demo.jar", "My demo");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode body = response.getBody();
    String id = body.get("id").asString();
    assertThat(response.getHeaders().getLocation()).hasToString("/api/v1/programs/" + id);
    assertThat(body.get("name").asString()).isEqualTo("My demo");
    assertThat(body.get("sha256").asString()).isEqualTo(sha256(jar));
    assertThat(body.get("sizeBytes").asLong()).isEqualTo(jar.length);
    assertThat(body.get("classCount").asInt()).isEqualTo(1);
    assertThat(body.get("mainClass").asString()).isEqualTo("demo.Main");
    assertThat(Instant.parse(body.get("uploadedAt").asString())).isAfterOrEqualTo(before);
    assertThat(Files.readAllBytes(jarFile(sha256(jar)))).isEqualTo(jar);
    assertThat(repository.findById(id)).isPresent();
  }

  @Test
  void uploadWithoutNameIsNamedAfterTheFile() {
    ResponseEntity<JsonNode> response = admin.upload(TestJars.jar(), "tools-1.0.jar", null);

    assertThat(response.getBody().get("name").asString()).isEqualTo("tools-1.0.jar");
  }

  @Test
  void uploadingTheSameBytesAgainReturnsTheExistingProgram() {
    byte[] jar = TestJars.jar();
    String id = admin.upload(jar, "a.jar", null).getBody().get("id").asString();

    ResponseEntity<JsonNode> again = admin.upload(jar, "b.jar", "other name");

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("id").asString()).isEqualTo(id);
    assertThat(again.getBody().get("name").asString()).isEqualTo("a.jar");
    assertThat(countRows(sha256(jar))).isEqualTo(1);
  }

  @Test
  void listAndShowReturnStoredPrograms() {
    String first = admin.upload(TestJars.jar()).getBody().get("id").asString();
    String second = admin.upload(TestJars.jar()).getBody().get("id").asString();

    ResponseEntity<JsonNode> list = admin.list();
    ResponseEntity<JsonNode> shown = admin.show(second);

    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> ids = list.getBody().valueStream().map(p -> p.get("id").asString()).toList();
    assertThat(ids).containsSubsequence(first, second);
    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shown.getBody().get("id").asString()).isEqualTo(second);
    assertThat(shown.getBody().propertyNames())
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "sha256",
            "sizeBytes",
            "classCount",
            "mainClass",
            "uploadedAt",
            "analysis");
  }

  @Test
  void deletingAProgramRemovesItsRowAndJar() {
    byte[] jar = TestJars.jar();
    String id = admin.upload(jar).getBody().get("id").asString();

    ResponseEntity<JsonNode> deleted = admin.delete(id);

    assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(repository.findById(id)).isEmpty();
    assertThat(jarFile(sha256(jar))).doesNotExist();
    assertProblem(admin.show(id), HttpStatus.NOT_FOUND, "program-not-found");
    assertProblem(admin.delete(id), HttpStatus.NOT_FOUND, "program-not-found");
    assertThat(lookup.find(id)).isEmpty();
  }

  @Test
  void jarDownloadServesTheBytesWithTheirSha256AsETag() {
    byte[] jar = TestJars.jar();
    String id = admin.upload(jar).getBody().get("id").asString();
    String etag = "\"" + sha256(jar) + "\"";

    ResponseEntity<byte[]> download = admin.jar(id, null);
    ResponseEntity<byte[]> notModified = admin.jar(id, etag);
    ResponseEntity<byte[]> stale = admin.jar(id, "\"" + "0".repeat(64) + "\"");

    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getBody()).isEqualTo(jar);
    assertThat(download.getHeaders().getETag()).isEqualTo(etag);
    assertThat(download.getHeaders().getContentType())
        .isEqualTo(MediaType.parseMediaType("application/java-archive"));
    assertThat(notModified.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    assertThat(notModified.getBody()).isNull();
    assertThat(notModified.getHeaders().getETag()).isEqualTo(etag);
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(stale.getBody()).isEqualTo(jar);
  }

  @Test
  void unknownProgramIsANotFoundProblem() {
    String unknown = UUID.randomUUID().toString();

    assertProblem(admin.show(unknown), HttpStatus.NOT_FOUND, "program-not-found");
    ResponseEntity<byte[]> jar = admin.jar(unknown, null);
    assertThat(jar.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jar.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void lookupFindsStoredProgramWithItsJarFile() throws IOException {
    byte[] jar = TestJars.jar();
    JsonNode program = admin.upload(jar, "x.jar", "lookup me").getBody();

    ProgramRef ref = lookup.find(program.get("id").asString()).orElseThrow();

    assertThat(ref.name()).isEqualTo("lookup me");
    assertThat(ref.sha256()).isEqualTo(sha256(jar));
    assertThat(Files.readAllBytes(ref.jarFile())).isEqualTo(jar);
  }

  @Test
  void notAJarIsRejectedAndNothingIsStored() throws IOException {
    assertNothingStoredBy(
        () -> admin.upload(TestJars.notAZip(), "notes.jar", null),
        HttpStatus.UNPROCESSABLE_CONTENT,
        "invalid-jar",
        "not-a-zip");
  }

  @Test
  void zipWithoutClassesIsRejectedAndNothingIsStored() throws IOException {
    assertNothingStoredBy(
        () -> admin.upload(TestJars.zipWithoutClasses(), "empty.jar", null),
        HttpStatus.UNPROCESSABLE_CONTENT,
        "invalid-jar",
        "no-classes");
  }

  @Test
  void zipBombIsRejectedNamingTheLimitAndNothingIsStored() throws IOException {
    byte[] bomb = Files.readAllBytes(TestJars.zipBomb());

    assertNothingStoredBy(
        () -> admin.upload(bomb, "bomb.jar", null),
        HttpStatus.UNPROCESSABLE_CONTENT,
        "jar-limit-exceeded",
        null);
    JsonNode problem = admin.upload(bomb, "bomb.jar", null).getBody();
    assertThat(problem.get("limit").asString()).isEqualTo("farcall.programs.max-compression-ratio");
    assertThat(problem.get("entry").asString()).isEqualTo("zeros.bin");
  }

  @Test
  void overlongNameIsAnInvalidRequestAndNothingIsStored() throws IOException {
    assertNothingStoredBy(
        () -> admin.upload(TestJars.jar(), "a.jar", "n".repeat(256)),
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        null);
  }

  @Test
  void databaseRefusesASecondRowWithTheSameSha256() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String sha = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 64);
    StoredProgram program =
        new StoredProgram(UUID.randomUUID().toString(), "p", sha, 1, 1, 1, 1, null, now);
    repository.insert(program);

    StoredProgram twin =
        new StoredProgram(UUID.randomUUID().toString(), "q", sha, 1, 1, 1, 1, null, now);

    assertThatThrownBy(() -> repository.insert(twin)).isInstanceOf(DuplicateKeyException.class);
    assertThat(repository.findById(program.id())).contains(program);
    assertThat(repository.deleteById(program.id())).isTrue();
  }

  /** Runs a request that must be refused with a problem, and checks no row or file appeared. */
  void assertNothingStoredBy(
      java.util.function.Supplier<ResponseEntity<JsonNode>> request,
      HttpStatus status,
      String slug,
      String reason)
      throws IOException {
    StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

    ResponseEntity<JsonNode> response = request.get();

    JsonNode problem = assertProblem(response, status, slug);
    if (reason != null) {
      assertThat(problem.get("reason").asString()).isEqualTo(reason);
    }
    assertThat(StoreSnapshot.take(jdbc, dataDir)).isEqualTo(before);
  }

  static JsonNode assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String slug) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asString()).isEqualTo("https://farcall.dev/problems/" + slug);
    assertThat(problem.get("status").asInt()).isEqualTo(status.value());
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("detail").asString()).isNotBlank();
    return problem;
  }

  long countRows(String sha256) {
    return jdbc.sql("SELECT COUNT(*) FROM programs WHERE sha256 = ?")
        .param(sha256)
        .query(Long.class)
        .single();
  }

  Path jarFile(String sha256) {
    return dataDir.resolve("programs").resolve(sha256 + ".jar");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
