package dev.farcall.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.invocation.TestPrograms;
import dev.farcall.coordinator.program.ProgramsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code farcall.run.isolation.cpus} keeps runs on the CPUs it names (the coordinator, a local
 * broker and workers keep the others): the run's process, and so every thread of its JVM, may run
 * on CPU 0 only, and the JVM sizes itself (its common pool, its GC threads) for one CPU.
 */
@TestPropertySource(properties = "farcall.run.isolation.cpus=0")
class RunCpusTests extends CoordinatorTestBase {

  private static final Map<String, String> AFFINITY =
      Map.of(
          "cpus/Main.java",
          """
          package cpus;
          import java.nio.file.*;
          public class Main {
            public static void main(String[] args) throws Exception {
              for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                  System.out.println("allowed " + line.substring(line.indexOf(':') + 1).strip());
                }
              }
              System.out.println("processors " + Runtime.getRuntime().availableProcessors());
            }
          }
          """);

  @TempDir Path dir;

  @Test
  void aRunExecutesOnlyOnTheConfiguredCpus() throws Exception {
    RestClient admin = client(ADMIN_TOKEN);
    byte[] jar = Files.readAllBytes(TestPrograms.jar(dir, AFFINITY));
    String programId =
        new ProgramsClient(admin).upload(jar, "cpus.jar", null).getBody().get("id").asText();

    String runId =
        admin
            .post()
            .uri("/api/v1/programs/{id}/runs", programId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("mainClass", "cpus.Main", "args", List.of()))
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              String status = run(admin, runId).get("status").asText();
              return !status.equals("QUEUED") && !status.equals("RUNNING");
            });

    assertThat(run(admin, runId).get("status").asText()).isEqualTo("SUCCEEDED");
    String stdout =
        admin
            .get()
            .uri("/api/v1/runs/{id}/output?stream=stdout", runId)
            .retrieve()
            .body(String.class);
    assertThat(stdout).isEqualTo("allowed 0\nprocessors 1\n");
  }

  private static JsonNode run(RestClient admin, String runId) {
    return admin.get().uri("/api/v1/runs/{id}", runId).retrieve().body(JsonNode.class);
  }
}
