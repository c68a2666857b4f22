package dev.farcall.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.coordinator.program.TestJars;
import dev.farcall.kafka.SharedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closing the coordinator and starting a new one on the same data directory keeps the uploaded
 * programs (rows and jars) and the generated admin and worker tokens, and sweeps orphan jars. On
 * the default database (H2 files under the data directory); {@link PostgresCoordinatorRestartTests}
 * runs the same on PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class CoordinatorRestartTests {

  private final Path dataDir = CoordinatorTestBase.newDataDir();
  private ConfigurableApplicationContext running;

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  /** Arguments that choose the database; none: H2 files under the data directory. */
  List<String> databaseArguments() {
    return List.of();
  }

  private int start() {
    // No admin or worker token configured: the coordinator must generate and keep them.
    // Command-line arguments, so they take precedence over application.yml.
    List<String> args = new ArrayList<>(databaseArguments());
    args.addAll(
        List.of(
            "--server.port=0",
            "--farcall.data-dir=" + dataDir,
            "--farcall.security.admin-token=",
            "--farcall.security.worker-token=",
            "--farcall.security.viewer-token=",
            "--farcall.kafka.bootstrap-servers=" + SharedBroker.bootstrapServers(),
            "--farcall.kafka.topic-prefix=t"
                + UUID.randomUUID().toString().replace("-", "")
                + "."));
    running =
        new SpringApplicationBuilder(CoordinatorApplication.class).run(args.toArray(String[]::new));
    return ((WebServerApplicationContext) running).getWebServer().getPort();
  }

  @Test
  void restartKeepsProgramsAndTheGeneratedTokens(CapturedOutput output) throws IOException {
    int port = start();
    Path adminTokenFile = dataDir.resolve("admin-token");
    Path workerTokenFile = dataDir.resolve("worker-token");
    String adminToken = Files.readString(adminTokenFile).strip();
    String workerToken = Files.readString(workerTokenFile).strip();
    byte[] jar = TestJars.jar();
    ResponseEntity<JsonNode> uploaded =
        new ProgramsClient(CoordinatorTestBase.client(port, adminToken)).upload(jar);
    String id = uploaded.getBody().get("id").asString();

    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(adminToken).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(workerToken).hasSize(43).isNotEqualTo(adminToken);
    assertThat(Files.getPosixFilePermissions(adminTokenFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(workerTokenFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(output.getOut()).containsOnlyOnce(adminToken).doesNotContain(workerToken);

    running.close();
    // A jar file without a row, as a crash between writing the file and its row would leave.
    Path orphan = dataDir.resolve("programs").resolve("ab".repeat(32) + ".jar");
    Files.write(orphan, TestJars.jar());
    int outputBeforeRestart = output.getOut().length();
    int restartedPort = start();

    ProgramsClient admin =
        new ProgramsClient(CoordinatorTestBase.client(restartedPort, adminToken));
    ResponseEntity<JsonNode> shown = admin.show(id);
    ResponseEntity<byte[]> download =
        new ProgramsClient(CoordinatorTestBase.client(restartedPort, workerToken)).jar(id, null);

    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
    // The analysis summary moves on (PENDING at upload); everything else is as uploaded.
    ((ObjectNode) shown.getBody()).remove("analysis");
    ((ObjectNode) uploaded.getBody()).remove("analysis");
    assertThat(shown.getBody()).isEqualTo(uploaded.getBody());
    assertThat(download.getBody()).isEqualTo(jar);
    assertThat(admin.upload(jar).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Files.readString(adminTokenFile).strip()).isEqualTo(adminToken);
    assertThat(orphan).doesNotExist();
    // Printed once, when generated; never again.
    assertThat(output.getOut().substring(outputBeforeRestart)).doesNotContain(adminToken);
  }
}
