package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Stopping a local cluster and starting a new one on the same data directory keeps every uploaded
 * program and the generated tokens. Uses a cluster of its own (no workers) so the shared one is
 * untouched.
 */
@Order(4)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestartTests {

  private static Path dataDir;

  @BeforeAll
  static void createDataDir() {
    dataDir = TestCluster.tempDir("farcall-restart-");
  }

  @AfterAll
  static void deleteDataDir() {
    TestCluster.deleteRecursively(dataDir);
  }

  @Test
  void restartOnTheSameDataDirKeepsUploadedProgramsAndTokens() {
    LocalOptions options = LocalOptions.defaults().withPort(0).withDataDir(dataDir).withWorkers(0);
    String programId;
    String sha256;
    LocalTokens firstTokens;
    try (LocalCluster first = start(options)) {
      firstTokens = first.tokens();
      FarcallApi api = new FarcallApi(first.baseUrl(), firstTokens.admin());
      FarcallApi.Response uploaded = api.upload(TestCluster.EXAMPLES_JAR);
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
      programId = uploaded.json().get("id").asString();
      sha256 = uploaded.json().path("sha256").asString("");
    }

    try (LocalCluster second = start(options)) {
      assertThat(second.tokens().admin()).isEqualTo(firstTokens.admin());
      FarcallApi api = new FarcallApi(second.baseUrl(), second.tokens().admin());
      FarcallApi.Response list = api.get("/programs");
      assertThat(list.status()).as(list.toString()).isEqualTo(200);
      assertThat(FarcallApi.items(list.json()))
          .extracting(p -> p.get("id").asString())
          .contains(programId);
      FarcallApi.Response shown = api.get("/programs/" + programId);
      assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
      JsonNode program = shown.json();
      assertThat(program.path("sha256").asString("")).isEqualTo(sha256);
      FarcallApi.Response again = api.upload(TestCluster.EXAMPLES_JAR);
      assertThat(again.status()).as("same bytes after a restart: %s", again).isEqualTo(200);
      assertThat(again.json().get("id").asString()).isEqualTo(programId);
    }
  }

  private static LocalCluster start(LocalOptions options) {
    return LocalCluster.start(options, LocalTokens.resolve(dataDir, name -> null), Map.of());
  }
}
