package dev.farcall.coordinator.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code farcall.programs.max-jar-size} bounds uploads, and the multipart limits follow it. */
@TestPropertySource(properties = "farcall.programs.max-jar-size=64KB")
class ProgramUploadLimitsTests extends CoordinatorTestBase {

  @Autowired JdbcClient jdbc;

  @Test
  void jarOverTheSizeLimitIsPayloadTooLargeAndNothingIsStored() {
    ProgramsClient admin = new ProgramsClient(client(ADMIN_TOKEN));
    StoreSnapshot before = StoreSnapshot.take(jdbc, dataDir);

    ResponseEntity<JsonNode> response = admin.upload(TestJars.incompressibleJar(200 * 1024));

    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://farcall.dev/problems/payload-too-large");
    assertThat(problem.get("limit").asString()).isEqualTo("farcall.programs.max-jar-size");
    assertThat(StoreSnapshot.take(jdbc, dataDir)).isEqualTo(before);
  }

  @Test
  void jarUnderTheSizeLimitIsStored() {
    ProgramsClient admin = new ProgramsClient(client(ADMIN_TOKEN));

    ResponseEntity<JsonNode> response = admin.upload(TestJars.incompressibleJar(32 * 1024));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
