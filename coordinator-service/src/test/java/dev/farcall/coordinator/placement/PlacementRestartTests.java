package dev.farcall.coordinator.placement;

import static dev.farcall.coordinator.analysis.ExampleJars.PARALLEL_SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorApplication;
import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.analysis.AnalysisClient;
import dev.farcall.coordinator.analysis.ExampleJars;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.kafka.SharedBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Closing the coordinator and starting a new one on the same data directory keeps analyses, plan
 * versions, overrides, declarations and settings, and analyses again what a stop interrupted. On
 * the default database (H2 files under the data directory); {@link PostgresPlacementRestartTests}
 * runs the same on PostgreSQL.
 */
class PlacementRestartTests {

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

  /** A connection to the database the coordinator uses, while no coordinator runs. */
  Connection connectToDatabase() throws SQLException {
    String url =
        "jdbc:h2:file:"
            + dataDir.resolve("db").resolve("farcall")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    return DriverManager.getConnection(url, "sa", "");
  }

  private AnalysisClient start() {
    List<String> args = new ArrayList<>(databaseArguments());
    args.addAll(
        List.of(
            "--server.port=0",
            "--farcall.data-dir=" + dataDir,
            "--farcall.security.admin-token=" + CoordinatorTestBase.ADMIN_TOKEN,
            "--farcall.kafka.bootstrap-servers=" + SharedBroker.bootstrapServers(),
            "--farcall.kafka.topic-prefix=t"
                + UUID.randomUUID().toString().replace("-", "")
                + "."));
    running =
        new SpringApplicationBuilder(CoordinatorApplication.class).run(args.toArray(String[]::new));
    int port = ((WebServerApplicationContext) running).getWebServer().getPort();
    return new AnalysisClient(CoordinatorTestBase.client(port, CoordinatorTestBase.ADMIN_TOKEN));
  }

  private String upload() {
    int port = ((WebServerApplicationContext) running).getWebServer().getPort();
    return new ProgramsClient(CoordinatorTestBase.client(port, CoordinatorTestBase.ADMIN_TOKEN))
        .upload(ExampleJars.examples())
        .getBody()
        .get("id")
        .asString();
  }

  @Test
  void restartKeepsAnalysisPlansOverridesAndSettingsAndResumesInterruptedAnalyses()
      throws SQLException {
    AnalysisClient admin = start();
    String kept = upload();
    String interrupted = upload();
    admin.awaitDone(kept);
    admin.awaitDone(interrupted);
    admin.putDeclarations(kept, "remote " + PARALLEL_SUM + "#square\n");
    admin.awaitDone(kept);
    admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 3}}");
    admin.putOverrides(kept, "{\"" + PARALLEL_SUM + "#countSolutions\": \"LOCAL\"}");
    JsonNode analysis = admin.analysis(kept).getBody();
    JsonNode plan = admin.placement(kept).getBody();
    JsonNode settings = admin.settings().getBody();
    running.close();
    running = null;
    // As if the coordinator had stopped in the middle of analysing the second program.
    markRunning(interrupted);

    AnalysisClient restarted = start();

    assertThat(restarted.analysis(kept).getBody()).isEqualTo(analysis);
    assertThat(restarted.placement(kept).getBody()).isEqualTo(plan);
    assertThat(plan.get("version").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(plan.get("overrides").get(PARALLEL_SUM + "#countSolutions(I)J").asString())
        .isEqualTo("LOCAL");
    assertThat(plan.get("tunables").get("k").asDouble()).isEqualTo(3.0);
    assertThat(restarted.settings().getBody()).isEqualTo(settings);
    assertThat(restarted.declarations(kept).getBody())
        .isEqualTo("remote " + PARALLEL_SUM + "#square\n");
    JsonNode resumed = restarted.awaitDone(interrupted);
    assertThat(resumed.get("methods").size()).isEqualTo(analysis.get("methods").size());
    assertThat(restarted.placement(interrupted).getBody().get("tunables").get("k").asDouble())
        .isEqualTo(3.0);
  }

  private void markRunning(String programId) throws SQLException {
    try (Connection connection = connectToDatabase();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE program_analyses SET status = 'RUNNING', result = NULL WHERE program_id = ?")) {
      update.setString(1, programId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
