package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in headless Chromium against the shared local cluster (a real coordinator, real
 * workers): sign-in, upload by the page, the call graph's colours and a node's reasons, tuning, a
 * live run, the workers, and what a viewer may not do. Leaves a screenshot of each view under
 * {@code target/screenshots/}.
 */
@Order(2)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DashboardBrowserTests {

  private static LocalCluster cluster;
  private static Browser browser;

  @BeforeAll
  static void openBrowser() {
    assumeThat(Browser.available())
        .as("Debian's chromium and chromium-driver are installed")
        .isTrue();
    cluster = TestCluster.get();
    browser = Browser.open(baseUrl());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static String baseUrl() {
    return cluster.baseUrl().replaceFirst("/api/v1/?$", "").replaceFirst("/$", "");
  }

  @Test
  void signInAndUploadAJarByThePageShowsItAnalysedWithoutAReload() {
    browser.signIn(cluster.tokens().admin());
    browser.script("window.farcall.marker = 'no reload'");
    Path jar = TestCluster.COMMONS_LANG3_JAR.toAbsolutePath();

    browser.find("#file").sendKeys(jar.toString());

    WebElement link = browser.until(d -> d.findElement(By.cssSelector("#upload-status a")));
    String programId = link.getAttribute("href").replaceFirst(".*#/programs/", "");
    String row = "#programs tr[data-id='" + programId + "']";
    browser.until(d -> d.findElement(By.cssSelector(row + " .status")).getText().equals("DONE"));
    assertThat(Integer.parseInt(browser.text(row + " .methods"))).isGreaterThan(1000);
    assertThat(browser.script("return window.farcall.marker")).isEqualTo("no reload");
    assertThat(browser.text("#who")).isEqualTo("signed in as admin");
    browser.screenshot("programs");
  }

  @Test
  void theCallGraphColoursEveryMethodByItsDecisionAndAPinnedNodeShowsItsReason() {
    String programId = TestCluster.examplesProgram();
    FarcallApi api = TestCluster.admin();
    ProgramRuns.awaitAnalysis(api, programId);
    JsonNode plan = api.get("/programs/" + programId + "/placement").json();
    browser.signIn(cluster.tokens().admin());
    browser.go("#/programs/" + programId);
    browser.until(d -> browser.script("return window.farcall.graphRenderedAt || null") != null);

    // 238 methods in 64 classes: drawn by class, each a pie of its methods' decisions
    List<Map<String, Object>> drawn = nodes();
    assertThat(drawn).isNotEmpty().allMatch(n -> n.get("kind").equals("class"));
    String pinned =
        "dev.farcall.examples.programs.fileio.Main#writeNumbers(Ljava/nio/file/Path;I)V";
    String remote = "dev.farcall.examples.placement.ParallelSum#countSolutions(I)J";
    browser.script("window.farcall.graph.tap('c:dev.farcall.examples.programs.fileio.Main')");
    browser.script("window.farcall.graph.tap('c:dev.farcall.examples.placement.ParallelSum')");

    Map<String, String> planned = decisions(plan);
    List<Map<String, Object>> methods =
        nodes().stream().filter(n -> n.get("kind").equals("method")).toList();
    assertThat(methods).hasSizeGreaterThan(3);
    for (Map<String, Object> node : methods) {
      String decision = planned.get(node.get("id"));
      if (decision == null) {
        // not reached by the plan: it may not move, or nothing calls it
        assertThat(node.get("decision"))
            .as("%s", node.get("id"))
            .isIn("NOT_TRANSFERABLE", "UNPLACED");
      } else {
        assertThat(node.get("decision")).as("%s", node.get("id")).isEqualTo(decision);
      }
    }
    assertThat(node(pinned)).containsEntry("decision", "PINNED").containsEntry("colour", "#e08a1e");
    assertThat(node(remote)).containsEntry("decision", "REMOTE").containsEntry("colour", "#2e9e5b");

    browser.script("window.farcall.graph.tap(arguments[0])", pinned);
    assertThat(browser.text("#method-decision")).isEqualTo("PINNED");
    assertThat(browser.text("#method-reason"))
        .isEqualTo("pinned: IO: Main.writeNumbers -> java.nio.file.Files.write");
    assertThat(browser.text("#method-effects")).contains("IO");
    assertThat(browser.text("#method-reasons")).contains("java.nio.file.Files.write");
    String source =
        FarcallApi.items(plan.get("decisions")).stream()
            .filter(d -> d.get("methodName").asString().equals("writeNumbers"))
            .findFirst()
            .orElseThrow()
            .get("estimates")
            .get("source")
            .asString();
    assertThat(browser.text("#estimates-source")).isEqualTo(source.toLowerCase());
    browser.screenshot("call-graph");
  }

  @Test
  void aRemoteOverrideOfAPinnedMethodShowsTheServersReasonsAndChangesNothing() {
    String programId = TestCluster.examplesProgram();
    FarcallApi api = TestCluster.admin();
    ProgramRuns.awaitAnalysis(api, programId);
    int version = api.get("/programs/" + programId + "/placement").json().get("version").asInt();
    browser.signIn(cluster.tokens().admin());
    browser.go("#/programs/" + programId);
    browser.until(d -> browser.script("return window.farcall.graphRenderedAt || null") != null);
    String pinned =
        "dev.farcall.examples.programs.fileio.Main#writeNumbers(Ljava/nio/file/Path;I)V";
    browser.script("window.farcall.graph.tap('c:dev.farcall.examples.programs.fileio.Main')");
    browser.script("window.farcall.graph.tap(arguments[0])", pinned);

    browser.find("#override-buttons button[data-mode='REMOTE']").click();

    String error =
        browser.until(
            d -> {
              String text = d.findElement(By.id("override-error")).getText();
              return text.isEmpty() ? null : text;
            });
    assertThat(error).contains("Overrides rejected").contains(pinned).contains("IO");
    assertThat(api.get("/programs/" + programId + "/placement").json().get("version").asInt())
        .isEqualTo(version);
    browser.screenshot("override-rejected");
  }

  @Test
  void changingATunableShowsTheNewPlanVersionAndAnInvalidOneShowsTheServersMessage() {
    String programId = TestCluster.examplesProgram();
    FarcallApi api = TestCluster.admin();
    ProgramRuns.awaitAnalysis(api, programId);
    browser.signIn(cluster.tokens().admin());
    browser.go("#/placement");
    browser.find("#program option[value='" + programId + "']").click();
    int before = version(browser.until(d -> versionText()));
    String settingsBefore = api.get("/heuristics/settings").raw();

    // an invalid value: the server's message next to the field, and nothing changes
    WebElement k = browser.find("#parameters input[name='k']");
    setValue(k, "5000");
    browser.find("#save").click();
    String message =
        browser.until(
            d -> {
              String text = d.findElement(By.cssSelector("[data-error='k']")).getText();
              return text.isEmpty() ? null : text;
            });
    assertThat(message).contains("1000");
    assertThat(api.get("/heuristics/settings").raw()).isEqualTo(settingsBefore);
    assertThat(version(versionText())).isEqualTo(before);
    browser.screenshot("placement-invalid");

    setValue(k, "3.5");
    browser.find("#save").click();
    browser.until(d -> version(versionText()) > before);
    assertThat(api.get("/heuristics/settings").json().get("tunables").get("k").asDouble())
        .isEqualTo(3.5);
    assertThat(browser.text("[data-error='k']")).isEmpty();
    browser.screenshot("placement");
  }

  @Test
  void aRunStartedFromThePageShowsItsOutputAndSitesLiveThroughEvents() {
    String programId = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(TestCluster.admin(), programId);
    browser.signIn(cluster.tokens().admin());
    browser.go("#/programs/" + programId);
    browser.until(d -> browser.script("return window.farcall.graphRenderedAt || null") != null);
    browser.script("window.farcall.marker = 'no reload'");
    WebElement main = browser.find("#main-class");
    main.clear();
    main.sendKeys(ProgramRuns.main("parallelstream"));
    browser.find("#run-args").sendKeys("24");

    browser.find("#start-run").click();

    browser.until(d -> d.getCurrentUrl().contains("#/runs/"));
    String runId = browser.driver().getCurrentUrl().replaceFirst(".*#/runs/", "");
    browser.until(d -> browser.text("#run-status").equals("SUCCEEDED"));
    FarcallApi api = TestCluster.admin();
    String expected = ProgramRuns.output(api, runId, false);
    browser.until(d -> browser.text("#stdout").equals(expected.strip()));
    assertThat(expected).contains("total steps");
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#sites tbody tr"));
    assertThat(rows).isNotEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Long> seen = (Map<String, Long>) browser.script("return window.farcall.seen");
    assertThat(seen).containsKeys("run.output", "run.stats", "run.finished");
    assertThat(browser.script("return window.farcall.marker")).isEqualTo("no reload");
    // the timeline shows what GET /runs/{id}/timeline holds, and exports it as trace events
    JsonNode timeline = api.get("/runs/" + runId + "/timeline").json();
    int calls = timeline.get("calls").size();
    assertThat(browser.text("#timeline-summary")).startsWith(calls + " remote call(s)");
    @SuppressWarnings("unchecked")
    Map<String, Object> trace =
        (Map<String, Object>) browser.script("return window.farcall.traceOfRun()");
    assertThat((List<?>) trace.get("traceEvents"))
        .hasSize(calls + timeline.get("workers").size() + 1);
    browser.screenshot("run");
    browser.go("#/runs");
    browser.find("#runs tr[data-id='" + runId + "']");
    browser.screenshot("runs");
  }

  @Test
  void theWorkersViewShowsTheClustersWorkers() {
    browser.signIn(cluster.tokens().viewer());
    browser.go("#/workers");

    browser.until(d -> d.findElements(By.cssSelector("#workers tbody tr")).size() >= 2);
    Set<String> shown =
        browser.driver().findElements(By.cssSelector("#workers tbody tr")).stream()
            .map(r -> r.getAttribute("data-id"))
            .collect(Collectors.toSet());
    assertThat(shown).containsAll(cluster.workerIds());
    assertThat(browser.text("#workers tbody tr:first-child")).contains("ALIVE");
    browser.screenshot("workers");
  }

  @Test
  void aViewerSeesNoTuningControlsAndCannotUseThem() {
    String programId = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(TestCluster.admin(), programId);
    String settingsBefore = TestCluster.admin().get("/heuristics/settings").raw();
    browser.signIn(cluster.tokens().viewer());
    assertThat(browser.text("#who")).isEqualTo("signed in as viewer");
    assertThat(browser.driver().findElements(By.id("dropzone"))).isEmpty();

    browser.go("#/placement");
    browser.find("#read-only");
    assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("#parameters input")))
        .isNotEmpty()
        .allMatch(i -> !i.isEnabled());
    browser.screenshot("placement-viewer");

    browser.go("#/programs/" + programId);
    browser.until(d -> browser.script("return window.farcall.graphRenderedAt || null") != null);
    assertThat(browser.driver().findElements(By.id("run-form"))).isEmpty();
    // and the API refuses the viewer's token, whatever a page would send
    Object status =
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/heuristics/settings', {method: 'PUT', headers: {"
                + "'Authorization': 'Bearer ' + sessionStorage.getItem('farcall.token'),"
                + "'Content-Type': 'application/json'}, body: JSON.stringify({heuristic: 'greedy',"
                + " tunables: {k: 2}})}).then(r => done(r.status));");
    assertThat(status).isEqualTo(403L);
    assertThat(TestCluster.admin().get("/heuristics/settings").raw()).isEqualTo(settingsBefore);
  }

  private static String versionText() {
    String text = browser.text("#current-version");
    return text.startsWith("v") ? text : null;
  }

  private static int version(String text) {
    return Integer.parseInt(text.substring(1));
  }

  private static void setValue(WebElement input, String value) {
    input.clear();
    input.sendKeys(value);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> nodes() {
    return (List<Map<String, Object>>) browser.script("return window.farcall.graph.nodes()");
  }

  private static Map<String, Object> node(String id) {
    return nodes().stream().filter(n -> id.equals(n.get("id"))).findFirst().orElseThrow();
  }

  private static Map<String, String> decisions(JsonNode plan) {
    return FarcallApi.items(plan.get("decisions")).stream()
        .collect(
            Collectors.toMap(
                d ->
                    d.get("className").asString()
                        + "#"
                        + d.get("methodName").asString()
                        + d.get("descriptor").asString(),
                d -> d.get("decision").asString()));
  }
}
