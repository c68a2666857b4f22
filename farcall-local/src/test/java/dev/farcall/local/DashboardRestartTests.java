package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.time.Duration;
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

/**
 * After the coordinator restarts on the same data directory, the dashboard shows the same programs
 * and the same run history: it all comes from the database. A cluster of its own, without workers.
 */
@Order(4)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DashboardRestartTests {

  private static Path dataDir;

  @BeforeAll
  static void createDataDir() {
    assumeThat(Browser.available())
        .as("Debian's chromium and chromium-driver are installed")
        .isTrue();
    dataDir = TestCluster.tempDir("farcall-dashboard-restart-");
  }

  @AfterAll
  static void deleteDataDir() {
    if (dataDir != null) { // null when the browser is missing and the class was skipped
      TestCluster.deleteRecursively(dataDir);
    }
  }

  @Test
  void afterARestartTheDashboardShowsTheSameProgramsAndRunHistory() {
    LocalOptions options = LocalOptions.defaults().withPort(0).withDataDir(dataDir).withWorkers(0);
    Set<String> programsBefore;
    Set<String> runsBefore;
    try (LocalCluster first = start(options)) {
      FarcallApi api = new FarcallApi(first.baseUrl(), first.tokens().admin());
      String programId = api.uploadProgram(TestCluster.EXAMPLES_JAR);
      ProgramRuns.awaitAnalysis(api, programId);
      for (String program : List.of("exit", "staticstate")) {
        String runId =
            ProgramRuns.start(api, programId, ProgramRuns.main(program), List.of(), Map.of());
        ProgramRuns.awaitFinal(api, runId, Duration.ofMinutes(2));
      }
      try (Browser browser = Browser.open(root(first))) {
        browser.signIn(first.tokens().viewer());
        programsBefore = rows(browser, "#/programs", "#programs tbody tr");
        runsBefore = rows(browser, "#/runs", "#runs tbody tr");
        browser.screenshot("runs-before-restart");
      }
    }
    assertThat(programsBefore).hasSize(1);
    assertThat(runsBefore).hasSize(2);

    try (LocalCluster second = start(options);
        Browser browser = Browser.open(root(second))) {
      browser.signIn(second.tokens().viewer());

      assertThat(rows(browser, "#/programs", "#programs tbody tr")).isEqualTo(programsBefore);
      assertThat(rows(browser, "#/runs", "#runs tbody tr")).isEqualTo(runsBefore);
      assertThat(browser.driver().findElements(By.cssSelector("#runs tbody td.status")))
          .extracting(e -> e.getText())
          .containsOnly("SUCCEEDED", "FAILED");
      browser.screenshot("runs-after-restart");
    }
  }

  /** The data-id of every row the view shows, once it shows at least one. */
  private static Set<String> rows(Browser browser, String view, String rowSelector) {
    browser.go(view);
    browser.until(d -> !d.findElements(By.cssSelector(rowSelector)).isEmpty());
    return browser.driver().findElements(By.cssSelector(rowSelector)).stream()
        .map(r -> r.getAttribute("data-id"))
        .collect(Collectors.toSet());
  }

  private static String root(LocalCluster cluster) {
    return cluster.baseUrl().replaceFirst("/api/v1/?$", "").replaceFirst("/$", "");
  }

  private static LocalCluster start(LocalOptions options) {
    return LocalCluster.start(options, LocalTokens.resolve(dataDir, name -> null), Map.of());
  }
}
