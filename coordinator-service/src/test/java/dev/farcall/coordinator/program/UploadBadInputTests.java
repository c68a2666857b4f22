package dev.farcall.coordinator.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.system.Problems;
import dev.farcall.coordinator.system.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Uploads that are broken at the HTTP level (a truncated multipart body, no boundary) or whose jar
 * holds what no program may (entry names that climb out of the jar, a class file that does not
 * parse) are refused with a problem naming what is wrong, and nothing is stored.
 */
class UploadBadInputTests extends CoordinatorTestBase {

  private static final String BOUNDARY = "farcallBoundary7MA4YWxkTrZu0gW";

  @Autowired JdbcClient jdbc;

  private static void assertProblem(RawHttp.Answer answer, int status, String slug) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.toString()).isEqualTo("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_PREFIX + slug);
    assertThat(problem.get("title").asString()).isNotBlank();
  }

  private static JsonNode assertProblem(
      ResponseEntity<JsonNode> response, int status, String slug) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response)).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_PREFIX + slug);
    assertThat(problem.get("title").asString()).isNotBlank();
    return problem;
  }

  private static byte[] multipartBody(byte[] jar) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"program.jar\"\r\n"
            + "Content-Type: application/java-archive\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    body.writeBytes(jar);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return body.toByteArray();
  }

  private RawHttp.Answer post(String contentType, byte[] body) {
    return RawHttp.send(
        port,
        "POST /api/v1/programs HTTP/1.1\r\nAuthorization: Bearer "
            + ADMIN_TOKEN
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length,
        body);
  }

  @Test
  void truncatedMultipartBodyIsABadRequestAndNothingIsStored() {
    byte[] whole = multipartBody(TestJars.jar());
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

    RawHttp.Answer answer = post("multipart/form-data; boundary=" + BOUNDARY, truncated);

    assertProblem(answer, 400, "malformed-multipart");
    assertThat(StoreSnapshot.take(jdbc, dataDir)).isEqualTo(before);
  }

  @Test
  void multipartWithoutBoundaryIsABadRequestAndNothingIsStored() {
    StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

    RawHttp.Answer answer = post("multipart/form-data", multipartBody(TestJars.jar()));

    assertProblem(answer, 400, "malformed-multipart");
    assertThat(StoreSnapshot.take(jdbc, dataDir)).isEqualTo(before);
  }

  @Test
  void wellFormedMultipartOfTheSameShapeIsStored() {
    RawHttp.Answer answer =
        post("multipart/form-data; boundary=" + BOUNDARY, multipartBody(TestJars.jar()));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  @Test
  void entryNamedOutsideTheJarIsRefusedNamingItAndNothingIsStored() {
    ProgramsClient admin = new ProgramsClient(client(ADMIN_TOKEN));
    for (String name : new String[] {"../../x.class", "/abs.class", "a/../../b.class"}) {
      byte[] jar =
          TestJars.builder()
              .entry("demo/Main.class", TestJars.classBytes())
              .entry(name, TestJars.classBytes())
              .build();
      StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

      JsonNode problem = assertProblem(admin.upload(jar), 422, "invalid-jar");

      assertThat(problem.get("reason").asString()).isEqualTo("unsafe-entry-name");
      assertThat(problem.get("entry").asString()).isEqualTo(name);
      assertThat(StoreSnapshot.take(jdbc, dataDir)).as(name).isEqualTo(before);
    }
  }

  @Test
  void classFileThatDoesNotParseIsRefusedNamingItAndNothingIsStored() {
    byte[] broken = Arrays.copyOf(TestJars.classBytes(), 40); // magic and version, then cut off
    byte[] jar =
        TestJars.builder()
            .entry("demo/Main.class", TestJars.classBytes())
            .entry("demo/Broken.class", broken)
            .build();
    StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

    JsonNode problem =
        assertProblem(new ProgramsClient(client(ADMIN_TOKEN)).upload(jar), 422, "invalid-jar");

    assertThat(problem.get("reason").asString()).isEqualTo("unparseable-class");
    assertThat(problem.get("entry").asString()).isEqualTo("demo/Broken.class");
    assertThat(StoreSnapshot.take(jdbc, dataDir)).isEqualTo(before);
  }
}
