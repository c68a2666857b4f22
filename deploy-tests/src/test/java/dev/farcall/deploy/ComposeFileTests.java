package dev.farcall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shape of the repository's {@code docker-compose.yml} that scaling and tools other than
 * podman-compose rely on, checked on every machine (the compose test that runs it needs podman).
 */
class ComposeFileTests {

  private static final Path FILE =
      Path.of(System.getProperty("farcall.repository.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("docker-compose.yml");

  private static JsonNode services() throws IOException {
    return Chart.YAML.readTree(FILE.toFile()).path("services");
  }

  @Test
  void workersScaleWithoutNamesOrHostPortsAndReplicasFromAVariable() throws IOException {
    JsonNode worker = services().path("worker");

    assertThat(worker.has("container_name")).isFalse();
    assertThat(worker.has("ports")).isFalse();
    assertThat(worker.path("deploy").path("replicas").asString())
        .isEqualTo("${FARCALL_WORKERS:-2}");
  }

  @Test
  void invocationPartitionsAreAtLeastTheMostWorkersTheReadmeDocuments() throws IOException {
    String partitions =
        services()
            .path("coordinator")
            .path("environment")
            .path("FARCALL_KAFKA_INVOCATIONPARTITIONS")
            .asString();
    Matcher m = Pattern.compile("\\$\\{FARCALL_INVOCATION_PARTITIONS:-(\\d+)}").matcher(partitions);

    assertThat(m.matches()).as(partitions).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(12);
  }

  @Test
  void everyServiceHasAHealthcheckARestartPolicyAndStartsAfterWhatItNeedsIsHealthy()
      throws IOException {
    JsonNode services = services();
    List<String> names = new ArrayList<>();
    services.propertyNames().forEach(names::add);
    assertThat(names).containsExactlyInAnyOrder("kafka", "postgres", "coordinator", "worker");
    for (String name : names) {
      JsonNode service = services.path(name);
      assertThat(service.path("healthcheck").path("test").asString()).as(name).isNotBlank();
      assertThat(service.path("restart").asString()).as(name).isEqualTo("unless-stopped");
    }
    JsonNode coordinatorNeeds = services.path("coordinator").path("depends_on");
    assertThat(coordinatorNeeds.path("kafka").path("condition").asString())
        .isEqualTo("service_healthy");
    assertThat(coordinatorNeeds.path("postgres").path("condition").asString())
        .isEqualTo("service_healthy");
    assertThat(
            services
                .path("worker")
                .path("depends_on")
                .path("coordinator")
                .path("condition")
                .asString())
        .isEqualTo("service_healthy");
    assertThat(services.path("coordinator").path("healthcheck").path("test").asString())
        .contains("/actuator/health/readiness");
  }

  @Test
  void dataLivesInNamedVolumesAndTheCoordinatorUsesPostgres() throws IOException {
    JsonNode root = Chart.YAML.readTree(FILE.toFile());
    JsonNode services = root.path("services");

    assertThat(root.path("volumes").has("postgres-data")).isTrue();
    assertThat(root.path("volumes").has("coordinator-data")).isTrue();
    assertThat(services.path("postgres").path("volumes").toString())
        .contains("postgres-data:/var/lib/postgresql/data");
    assertThat(services.path("coordinator").path("volumes").toString())
        .contains("coordinator-data:/var/lib/farcall");
    assertThat(
            services
                .path("coordinator")
                .path("environment")
                .path("SPRING_DATASOURCE_URL")
                .asString())
        .isEqualTo("${FARCALL_DATABASE_URL:-jdbc:postgresql://postgres:5432/farcall}");
    assertThat(services.path("coordinator").path("ports").toString()).contains(":8080\"");
  }

  @Test
  void secretsComeFromVariablesAndEachServiceGetsOnlyItsOwn() throws IOException {
    JsonNode services = services();
    JsonNode coordinator = services.path("coordinator").path("environment");
    for (String token :
        List.of("FARCALL_ADMIN_TOKEN", "FARCALL_VIEWER_TOKEN", "FARCALL_WORKER_TOKEN")) {
      assertThat(coordinator.path(token).asString()).startsWith("${" + token + ":?");
    }
    JsonNode worker = services.path("worker").path("environment");
    assertThat(worker.path("FARCALL_WORKER_TOKEN").asString())
        .startsWith("${FARCALL_WORKER_TOKEN:?");
    assertThat(worker.has("FARCALL_ADMIN_TOKEN")).isFalse();
    assertThat(worker.has("SPRING_DATASOURCE_PASSWORD")).isFalse();
    assertThat(services.path("postgres").path("environment").path("POSTGRES_PASSWORD").asString())
        .startsWith("${POSTGRES_PASSWORD:?");
  }

  @Test
  void brokerAndDatabaseImagesAreVariablesDefaultingToTheOfficialImages() throws IOException {
    JsonNode services = services();

    assertThat(services.path("kafka").path("image").asString())
        .startsWith("${KAFKA_IMAGE:-apache/kafka:");
    assertThat(services.path("postgres").path("image").asString())
        .startsWith("${POSTGRES_IMAGE:-postgres:");
    assertThat(
            services
                .path("kafka")
                .path("environment")
                .path("KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                .asString())
        .as("only the coordinator creates topics, with their partitions")
        .isEqualTo("false");
  }
}
