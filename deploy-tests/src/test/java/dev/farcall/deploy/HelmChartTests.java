package dev.farcall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 acceptance for {@code helm/farcall}: strict lint and rendering with the default values
 * and with each example values file under {@code ci/} (autoscaling, an existing Secret, external
 * Kafka and PostgreSQL), the rendered objects checked as Kubernetes would wire them, and the values
 * schema refusing a wrong type.
 */
class HelmChartTests {

  private static final String FULLNAME = Chart.RELEASE + "-farcall";
  private static final String COORDINATOR = FULLNAME + "-coordinator";
  private static final String WORKER = FULLNAME + "-worker";
  private static final String TOKENS = FULLNAME + "-tokens";

  static List<Path> exampleValuesFiles() {
    return Chart.exampleValuesFiles();
  }

  @Test
  void chartWithItsDefaultValuesPassesStrictLint() {
    LintResult lint = Chart.lint();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleValuesFiles")
  void chartWithEachExampleValuesFilePassesStrictLint(Path valuesFile) {
    LintResult lint = Chart.lint(valuesFile);

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void exampleValuesFilesCoverAutoscalingAnExistingSecretAndExternalServices() {
    assertThat(exampleValuesFiles())
        .extracting(p -> p.getFileName().toString())
        .contains("autoscaling-values.yaml", "existing-secret-values.yaml", "external-values.yaml");
  }

  @Test
  void defaultValuesRenderCoordinatorWorkersAndInReleaseKafkaAndPostgres() {
    Manifests m = Chart.render(Map.of());

    assertThat(m.kindsAndNames())
        .containsExactlyInAnyOrder(
            "Deployment/" + COORDINATOR,
            "Service/" + COORDINATOR,
            "PersistentVolumeClaim/" + COORDINATOR,
            "Deployment/" + WORKER,
            "PodDisruptionBudget/" + WORKER,
            "Secret/" + TOKENS,
            "Secret/" + FULLNAME + "-database",
            "StatefulSet/" + FULLNAME + "-kafka",
            "Service/" + FULLNAME + "-kafka",
            "StatefulSet/" + FULLNAME + "-postgresql",
            "Service/" + FULLNAME + "-postgresql");
    JsonNode coordinator = m.get("Deployment", COORDINATOR);
    assertThat(coordinator.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(coordinator.path("spec").path("strategy").path("type").asString())
        .isEqualTo("Recreate");
    Map<String, JsonNode> env = Manifests.env(Manifests.container(coordinator));
    assertThat(env.get("FARCALL_KAFKA_BOOTSTRAPSERVERS").asString())
        .isEqualTo(FULLNAME + "-kafka:9092");
    assertThat(env.get("SPRING_DATASOURCE_URL").asString())
        .isEqualTo("jdbc:postgresql://" + FULLNAME + "-postgresql:5432/farcall");
    assertThat(env.get("SPRING_DATASOURCE_USERNAME").asString()).isEqualTo("farcall");
    assertSecretRef(env.get("SPRING_DATASOURCE_PASSWORD"), FULLNAME + "-database", "password");
    assertThat(env.get("FARCALL_KAFKA_INVOCATIONPARTITIONS").asString()).isEqualTo("12");
    assertSecretRef(env.get("FARCALL_ADMIN_TOKEN"), TOKENS, "admin-token");
    assertSecretRef(env.get("FARCALL_VIEWER_TOKEN"), TOKENS, "viewer-token");
    assertSecretRef(env.get("FARCALL_WORKER_TOKEN"), TOKENS, "worker-token");
    assertThat(
            volume(coordinator, "data").path("persistentVolumeClaim").path("claimName").asString())
        .isEqualTo(COORDINATOR);
    assertThat(Manifests.container(coordinator).path("volumeMounts").toString())
        .contains("/var/lib/farcall");

    JsonNode worker = m.get("Deployment", WORKER);
    assertThat(worker.path("spec").path("replicas").asInt()).isEqualTo(2);
    Map<String, JsonNode> workerEnv = Manifests.env(Manifests.container(worker));
    assertThat(workerEnv.get("FARCALL_KAFKA_BOOTSTRAPSERVERS").asString())
        .isEqualTo(FULLNAME + "-kafka:9092");
    assertThat(workerEnv.get("FARCALL_WORKER_COORDINATORURL").asString())
        .isEqualTo("http://" + COORDINATOR + ":8080");
    assertSecretRef(workerEnv.get("FARCALL_WORKER_TOKEN"), TOKENS, "worker-token");
    assertThat(workerEnv).doesNotContainKeys("FARCALL_ADMIN_TOKEN", "SPRING_DATASOURCE_PASSWORD");

    JsonNode tokens = m.get("Secret", TOKENS);
    for (String key : List.of("admin-token", "viewer-token", "worker-token")) {
      String value =
          new String(Base64.getDecoder().decode(tokens.path("data").path(key).asString()));
      assertThat(value).as("generated %s", key).hasSizeGreaterThanOrEqualTo(32);
    }
  }

  @Test
  void selectorsOfEveryWorkloadServiceAndBudgetMatchThePodsTheyMean() {
    for (Manifests m : List.of(Chart.render(Map.of()), renderExample("autoscaling-values.yaml"))) {
      for (JsonNode workload : workloads(m)) {
        Map<String, String> podLabels = Manifests.labels(workload.path("spec").path("template"));
        Map<String, String> selector =
            Manifests.strings(workload.path("spec").path("selector").path("matchLabels"));
        assertThat(podLabels).as(Manifests.kindAndName(workload)).containsAllEntriesOf(selector);
        assertThat(selector)
            .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
            .containsKey("app.kubernetes.io/component");
      }
      for (JsonNode service : m.ofKind("Service")) {
        Map<String, String> selector = Manifests.strings(service.path("spec").path("selector"));
        assertThat(selector).isNotEmpty();
        assertThat(workloads(m))
            .as("workloads selected by %s", Manifests.kindAndName(service))
            .filteredOn(
                w ->
                    Manifests.labels(w.path("spec").path("template"))
                        .entrySet()
                        .containsAll(selector.entrySet()))
            .hasSize(1);
      }
      JsonNode budget = m.get("PodDisruptionBudget", WORKER);
      assertThat(Manifests.strings(budget.path("spec").path("selector").path("matchLabels")))
          .isEqualTo(
              Manifests.strings(
                  m.get("Deployment", WORKER).path("spec").path("selector").path("matchLabels")));
      for (JsonNode object : m.objects()) {
        assertThat(Manifests.labels(object))
            .as(Manifests.kindAndName(object))
            .containsEntry("app.kubernetes.io/part-of", "farcall")
            .containsEntry("app.kubernetes.io/managed-by", "Helm")
            .containsKey("helm.sh/chart");
      }
    }
  }

  @Test
  void probesUseSpringBootsLivenessAndReadinessGroups() {
    Manifests m = Chart.render(Map.of());
    for (String name : List.of(COORDINATOR, WORKER)) {
      JsonNode container = Manifests.container(m.get("Deployment", name));
      int port = container.path("ports").get(0).path("containerPort").asInt();
      assertThat(port).isEqualTo(name.equals(COORDINATOR) ? 8080 : 8081);
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
          .isEqualTo("/actuator/health/liveness");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
          .isEqualTo("/actuator/health/readiness");
      assertThat(container.path("startupProbe").path("httpGet").path("path").asString())
          .isEqualTo("/actuator/health/liveness");
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        assertThat(container.path(probe).path("httpGet").path("port").asString()).isEqualTo("http");
      }
    }
  }

  @Test
  void coordinatorAndWorkersRunHardenedWithRequestedResources() {
    Manifests m = Chart.render(Map.of());
    for (String name : List.of(COORDINATOR, WORKER)) {
      JsonNode deployment = m.get("Deployment", name);
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").asString())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
      JsonNode container = Manifests.container(deployment);
      JsonNode security = container.path("securityContext");
      assertThat(security.path("runAsNonRoot").asBoolean()).as(name).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
      assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
      assertThat(security.path("seccompProfile").path("type").asString())
          .isEqualTo("RuntimeDefault");
      assertThat(container.path("resources").path("requests").path("cpu").asString()).isNotBlank();
      assertThat(container.path("resources").path("requests").path("memory").asString())
          .isNotBlank();
      // a read-only root needs somewhere to write temporary files
      assertThat(container.path("volumeMounts").toString()).contains("\"mountPath\":\"/tmp\"");
      assertThat(Manifests.env(container).get("JAVA_OPTS").asString()).startsWith("-XX:");
    }
  }

  @Test
  void autoscalingValuesScaleTheWorkersWithAnAutoscalerAndAddServiceMonitors() {
    Manifests m = renderExample("autoscaling-values.yaml");

    JsonNode hpa = m.get("HorizontalPodAutoscaler", WORKER);
    assertThat(hpa.path("apiVersion").asString()).isEqualTo("autoscaling/v2");
    assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asString())
        .isEqualTo("Deployment");
    assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asString()).isEqualTo(WORKER);
    assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(8);
    JsonNode cpu = hpa.path("spec").path("metrics").get(0).path("resource");
    assertThat(cpu.path("name").asString()).isEqualTo("cpu");
    assertThat(cpu.path("target").path("averageUtilization").asInt()).isEqualTo(70);
    assertThat(m.get("Deployment", WORKER).path("spec").has("replicas"))
        .as("the autoscaler, not the Deployment, sets the replicas")
        .isFalse();
    JsonNode coordinatorMonitor = m.get("ServiceMonitor", COORDINATOR);
    assertThat(Manifests.labels(coordinatorMonitor)).containsEntry("release", "prometheus");
    JsonNode endpoint = coordinatorMonitor.path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("path").asString()).isEqualTo("/actuator/prometheus");
    assertThat(endpoint.path("port").asString()).isEqualTo("http");
    assertThat(endpoint.path("authorization").path("credentials").path("name").asString())
        .isEqualTo(TOKENS);
    assertThat(endpoint.path("authorization").path("credentials").path("key").asString())
        .isEqualTo("viewer-token");
    assertThat(m.get("Service", WORKER).path("spec").path("clusterIP").asString())
        .isEqualTo("None");
    assertThat(m.find("ServiceMonitor", WORKER)).isPresent();
  }

  @Test
  void existingSecretValuesTakeEveryTokenFromThatSecretAndMakeNone() {
    Manifests m = renderExample("existing-secret-values.yaml");

    assertThat(m.find("Secret", TOKENS)).isEmpty();
    Map<String, JsonNode> coordinator =
        Manifests.env(Manifests.container(m.get("Deployment", COORDINATOR)));
    assertSecretRef(coordinator.get("FARCALL_ADMIN_TOKEN"), "farcall-tokens", "admin-token");
    assertSecretRef(coordinator.get("FARCALL_VIEWER_TOKEN"), "farcall-tokens", "viewer-token");
    assertSecretRef(coordinator.get("FARCALL_WORKER_TOKEN"), "farcall-tokens", "worker-token");
    Map<String, JsonNode> worker = Manifests.env(Manifests.container(m.get("Deployment", WORKER)));
    assertSecretRef(worker.get("FARCALL_WORKER_TOKEN"), "farcall-tokens", "worker-token");
  }

  @Test
  void externalValuesPointAtTheirKafkaAndPostgresAndRunNeitherInTheRelease() {
    Manifests m = renderExample("external-values.yaml");

    assertThat(m.ofKind("StatefulSet")).isEmpty();
    assertThat(m.ofKind("Secret"))
        .extracting(Manifests::kindAndName)
        .containsExactly("Secret/" + TOKENS);
    JsonNode coordinator = Manifests.container(m.get("Deployment", COORDINATOR));
    Map<String, JsonNode> env = Manifests.env(coordinator);
    String bootstrap = "kafka-0.kafka.messaging.svc:9092,kafka-1.kafka.messaging.svc:9092";
    assertThat(env.get("FARCALL_KAFKA_BOOTSTRAPSERVERS").asString()).isEqualTo(bootstrap);
    assertThat(env.get("FARCALL_KAFKA_TOPICPREFIX").asString()).isEqualTo("team-a.farcall.");
    assertThat(env.get("FARCALL_KAFKA_INVOCATIONPARTITIONS").asString()).isEqualTo("24");
    assertThat(env.get("SPRING_DATASOURCE_URL").asString())
        .isEqualTo("jdbc:postgresql://db.example.internal:6432/farcall_prod");
    assertThat(env.get("SPRING_DATASOURCE_USERNAME").asString()).isEqualTo("farcall_app");
    assertSecretRef(env.get("SPRING_DATASOURCE_PASSWORD"), "farcall-db", "db-password");
    assertThat(coordinator.path("image").asString())
        .isEqualTo("registry.example.internal/platform/farcall/coordinator:0.1.0");
    JsonNode worker = Manifests.container(m.get("Deployment", WORKER));
    assertThat(Manifests.env(worker).get("FARCALL_KAFKA_BOOTSTRAPSERVERS").asString())
        .isEqualTo(bootstrap);
    assertThat(Manifests.env(worker).get("FARCALL_KAFKA_TOPICPREFIX").asString())
        .isEqualTo("team-a.farcall.");
    assertThat(m.get("Deployment", WORKER).path("spec").path("replicas").asInt()).isEqualTo(6);
  }

  @Test
  void wrongTypeInValuesFailsLintThroughTheSchema(@TempDir Path dir) throws IOException {
    Path wrong = dir.resolve("wrong-type-values.yaml");
    Files.writeString(wrong, "worker:\n  replicas: two\n");

    LintResult lint = Chart.lint(wrong);

    assertThat(lint.isFailed()).isTrue();
    assertThat(String.join("\n", lint.getMessages())).contains("replicas");
    assertThatThrownBy(() -> Chart.render(wrong)).hasMessageContaining("replicas");
  }

  @Test
  void externalKafkaWithoutBootstrapServersFailsToRenderWithWhatIsMissing() {
    assertThatThrownBy(() -> Chart.render(Map.of("kafka.enabled", false)))
        .hasMessageContaining("externalKafka.bootstrapServers is required");
  }

  @Test
  void moreWorkersThanInvocationPartitionsFailsToRender() {
    assertThatThrownBy(() -> Chart.render(Map.of("worker.replicas", 13)))
        .hasMessageContaining("worker.replicas (13) exceeds invocationPartitions (12)");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "worker.autoscaling.enabled", true, "worker.autoscaling.maxReplicas", 20)))
        .hasMessageContaining("maxReplicas (20) exceeds invocationPartitions (12)");
  }

  @Test
  void everyValueIsDocumentedWithParamAndTypedInTheSchema() throws IOException {
    JsonNode values = Chart.YAML.readTree(Chart.DIRECTORY.resolve("values.yaml").toFile());
    JsonNode schema = Chart.YAML.readTree(Chart.DIRECTORY.resolve("values.schema.json").toFile());
    Set<String> documented = new TreeSet<>();
    Matcher param =
        Pattern.compile("^\\s*## @param (\\S+) \\S", Pattern.MULTILINE)
            .matcher(Files.readString(Chart.DIRECTORY.resolve("values.yaml")));
    while (param.find()) {
      documented.add(param.group(1));
    }
    List<String> leaves = new ArrayList<>();
    collectDocumentable(values, "", documented, leaves);

    assertThat(documented).as("@param lines").containsAll(leaves);
    for (String path : documented) {
      JsonNode node = schema;
      for (String key : path.split("\\.")) {
        node = node.path("properties").path(key);
      }
      assertThat(node.path("type").asString()).as("schema type of %s", path).isNotBlank();
    }
  }

  /** Paths to document: leaves, and maps documented as a whole (resources, securityContext). */
  private static void collectDocumentable(
      JsonNode node, String path, Set<String> documented, List<String> out) {
    if (node.isObject() && !documented.contains(path)) {
      node.properties()
          .forEach(
              e ->
                  collectDocumentable(
                      e.getValue(),
                      path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                      documented,
                      out));
    } else {
      out.add(path);
    }
  }

  private static Manifests renderExample(String fileName) {
    return Chart.render(Chart.DIRECTORY.resolve("ci").resolve(fileName));
  }

  private static List<JsonNode> workloads(Manifests m) {
    List<JsonNode> workloads = new ArrayList<>(m.ofKind("Deployment"));
    workloads.addAll(m.ofKind("StatefulSet"));
    return workloads;
  }

  private static JsonNode volume(JsonNode workload, String name) {
    for (JsonNode volume : workload.path("spec").path("template").path("spec").path("volumes")) {
      if (volume.path("name").asString().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name + " in " + Manifests.kindAndName(workload));
  }

  private static void assertSecretRef(JsonNode valueFrom, String secret, String key) {
    assertThat(valueFrom).as("env valueFrom").isNotNull();
    JsonNode ref = valueFrom.path("secretKeyRef");
    assertThat(ref.path("name").asString()).as(valueFrom.toString()).isEqualTo(secret);
    assertThat(ref.path("key").asString()).as(valueFrom.toString()).isEqualTo(key);
  }
}
