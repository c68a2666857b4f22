package dev.farcall.benchmarks.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard area: time to first render of the call graph of commons-math3 and of the examples
 * jar in headless Chromium (navigation start to the first frame after the graph is drawn, from the
 * page's own performance clock), and the p95 latency of the list endpoints the dashboard uses with
 * 10,000 recorded runs. Writes {@code benchmarks/results/dashboard.json}.
 *
 * <p>{@code DashboardBenchmark <output.json> [repetitions]}
 */
public final class DashboardBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int RUNS = 10_000;
  private static final int REQUESTS = 200;

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "benchmarks/results/dashboard.json");
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double loadBefore = loadAverage();
    Instant started = Instant.now();
    Path dir = Files.createTempDirectory("farcall-dashboard-bench-");
    ArrayNode figures = JSON.createArrayNode();
    List<String> notes = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        FarcallCluster cluster = FarcallCluster.start(broker.bootstrapServers(), dir, 0)) {
      String base = "http://127.0.0.1:" + cluster.port();
      String math =
          cluster.upload(
              Files.readAllBytes(Path.of("benchmarks/target/bench-jars/commons-math3.jar")),
              "commons-math3.jar");
      awaitPlan(base, cluster.adminToken, math);
      awaitPlan(base, cluster.adminToken, cluster.programId);
      int mathMethods = methods(base, cluster.adminToken, math);
      notes.add(
          "commons-math3 3.6.1: "
              + mathMethods
              + " methods; examples jar: "
              + methods(base, cluster.adminToken, cluster.programId)
              + " methods");

      try (Chromium browser = new Chromium(base, cluster.adminToken)) {
        browser.firstRender(cluster.programId); // warm the browser's cache of the page's modules
        figures.add(
            figure(
                "call graph first render, commons-math3",
                "ms",
                false,
                browser.firstRenders(math, repetitions),
                2000,
                "under 2 s"));
        figures.add(
            figure(
                "call graph first render, examples jar",
                "ms",
                false,
                browser.firstRenders(cluster.programId, repetitions),
                2000,
                "under 2 s"));
      }

      recordRuns(cluster.coordinatorBean(DataSource.class), cluster.programId, math);
      notes.add(
          RUNS
              + " runs recorded in the coordinator's H2 database (each with stats of 12"
              + " sites and 2 KiB of output), then "
              + REQUESTS
              + " requests per endpoint and"
              + " repetition; a figure is the median over repetitions of each repetition's p95");
      String cursor =
          cursorDeep(base, cluster.adminToken, "/api/v1/runs?limit=50&view=summary", 100);
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("GET /runs?limit=50&view=summary p95", "/api/v1/runs?limit=50&view=summary");
      endpoints.put(
          "GET /runs?limit=50&view=summary, 100 pages deep p95",
          "/api/v1/runs?limit=50&view=summary&cursor=" + cursor);
      endpoints.put(
          "GET /runs?limit=50&view=summary&programId= p95",
          "/api/v1/runs?limit=50&view=summary&programId=" + math);
      endpoints.put(
          "GET /runs?limit=50&view=summary&status=FAILED p95",
          "/api/v1/runs?limit=50&view=summary&status=FAILED");
      endpoints.put("GET /runs?limit=50 (full) p95", "/api/v1/runs?limit=50");
      endpoints.put("GET /programs?limit=50 p95", "/api/v1/programs?limit=50");
      for (var e : endpoints.entrySet()) {
        double[] p95s = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
          p95s[r] = p95(base, cluster.adminToken, e.getValue());
        }
        figures.add(figure(e.getKey(), "ms", false, p95s, 200, "p95 under 200 ms"));
      }
      double[] legacy = new double[repetitions];
      for (int r = 0; r < repetitions; r++) {
        legacy[r] = p95(base, cluster.adminToken, "/api/v1/runs");
      }
      ObjectNode old =
          figure("GET /runs unparameterised (200 runs in full) p95", "ms", false, legacy, 0, null);
      old.put("note", "the answer before paging, kept for the CLI; for comparison, no target");
      figures.add(old);
    } finally {
      deleteRecursively(dir);
    }
    notes.add(
        "headless Chromium "
            + chromiumVersion()
            + " from Debian, driven by Selenium; render time"
            + " is performance.now() at the first animation frame after the graph was drawn, i.e."
            + " from navigation start, including fetching and parsing the analysis and the plan");
    ResultsFile.write(
        output,
        "dashboard",
        "Dashboard: call graph first render and list endpoints",
        notes,
        figures,
        new ResultsFile.Span(started, loadBefore, loadAverage()));
  }

  /** One Chromium tab signed in to the dashboard. */
  private static final class Chromium implements AutoCloseable {
    private final Path profile = Files.createTempDirectory("farcall-bench-chromium-");
    private final ChromeDriver driver;
    private final String base;

    Chromium(String base, String token) throws Exception {
      this.base = base;
      ChromeOptions options = new ChromeOptions();
      options.setBinary(new File("/usr/bin/chromium"));
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          "--window-size=1400,1000",
          "--user-data-dir=" + profile);
      driver =
          new ChromeDriver(
              new ChromeDriverService.Builder()
                  .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                  .usingAnyFreePort()
                  .build(),
              options);
      // a busy page must not fail a probe: time is measured by the page's own clock anyway
      driver.manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(3));
      driver.get(base + "/dashboard/");
      ((JavascriptExecutor) driver)
          .executeScript("sessionStorage.setItem('farcall.token', arguments[0])", token);
    }

    double firstRender(String programId) {
      driver.get("about:blank");
      driver.get(base + "/dashboard/#/programs/" + programId);
      Object at =
          new WebDriverWait(driver, java.time.Duration.ofSeconds(120))
              .until(
                  d ->
                      ((JavascriptExecutor) d)
                          .executeScript(
                              "return window.farcall && window.farcall.graphRenderedAt || null"));
      return ((Number) at).doubleValue();
    }

    double[] firstRenders(String programId, int repetitions) {
      double[] times = new double[repetitions];
      for (int i = 0; i < repetitions; i++) {
        times[i] = firstRender(programId);
      }
      return times;
    }

    @Override
    public void close() {
      driver.quit();
      deleteRecursively(profile);
    }
  }

  private static void recordRuns(DataSource dataSource, String... programIds) throws Exception {
    StringBuilder sites = new StringBuilder("[");
    for (int s = 0; s < 12; s++) {
      sites
          .append(s == 0 ? "" : ",")
          .append("{\"className\":\"org.example.Site")
          .append(s)
          .append("\",\"methodName\":\"work\",\"descriptor\":\"(I)J\",\"decision\":\"REMOTE\",")
          .append(
              "\"localCalls\":12,\"remoteCalls\":3400,\"fallbacks\":0,\"meanWorkMicros\":812.5,")
          .append(
              "\"meanOverheadMicros\":950.1,\"bytesSent\":120000,\"bytesReceived\":64000,\"retries\":0}");
    }
    String stats =
        "{\"localCalls\":144,\"localCallsComplete\":true,\"remoteCalls\":40800,\"retries\":0,"
            + "\"bytesSent\":1440000,\"bytesReceived\":768000,\"sites\":"
            + sites
            + "]}";
    String stdout = "line of output\n".repeat(140);
    Instant start = Instant.now().minusSeconds(RUNS * 10L);
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into runs (id, program_id, main_class, args, heuristic, tunables, status,"
                    + " exit_code, created_at, started_at, finished_at, stats, stdout, stderr)"
                    + " values (?, ?, 'org.example.Main', '[]', 'greedy', '{}', ?, ?, ?, ?, ?, ?, ?, '')")) {
      for (int i = 0; i < RUNS; i++) {
        Instant created = start.plusSeconds(i * 10L);
        boolean failed = i % 7 == 0;
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, programIds[i % programIds.length]);
        insert.setString(3, failed ? "FAILED" : "SUCCEEDED");
        insert.setInt(4, failed ? 1 : 0);
        insert.setTimestamp(5, Timestamp.from(created));
        insert.setTimestamp(6, Timestamp.from(created.plusMillis(50)));
        insert.setTimestamp(7, Timestamp.from(created.plusSeconds(5)));
        insert.setString(8, stats);
        insert.setString(9, stdout);
        insert.addBatch();
        if (i % 500 == 499) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static double p95(String base, String token, String path) throws Exception {
    for (int i = 0; i < 20; i++) {
      get(base, token, path); // warm-up
    }
    double[] millis = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long t = System.nanoTime();
      get(base, token, path);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(millis);
    return millis[(int) Math.ceil(REQUESTS * 0.95) - 1];
  }

  private static HttpResponse<String> get(String base, String token, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  private static String cursorDeep(String base, String token, String path, int pages)
      throws Exception {
    String next = path;
    for (int i = 0; i < pages; i++) {
      String link = get(base, token, next).headers().firstValue("Link").orElseThrow();
      URI uri = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
      next = uri.getRawPath() + "?" + uri.getRawQuery();
    }
    return next.replaceFirst(".*cursor=([^&]+).*", "$1");
  }

  private static void awaitPlan(String base, String token, String programId) throws Exception {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/api/v1/programs/" + programId + "/placement"))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no plan for " + programId);
  }

  private static int methods(String base, String token, String programId) throws Exception {
    JsonNode p = JSON.readTree(get(base, token, "/api/v1/programs/" + programId).body());
    return p.path("analysis").path("methods").asInt();
  }

  /** A figure in the results convention; a target is met when the median is under it. */
  private static ObjectNode figure(
      String name,
      String unit,
      boolean higherIsBetter,
      double[] values,
      double target,
      String targetText) {
    List<Double> repetitions =
        Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).boxed().toList();
    ObjectNode f = ResultsFile.figure(name, unit, higherIsBetter, repetitions);
    return targetText == null
        ? f
        : ResultsFile.target(f, targetText, ResultsFile.median(repetitions) < target);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String chromiumVersion() {
    try {
      // stdout only: Debian's launcher script may complain on stderr before the version line
      Process p =
          new ProcessBuilder("/usr/bin/chromium", "--version")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new String(p.getInputStream().readAllBytes()).strip();
    } catch (Exception e) {
      return "(version unknown)";
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // a temporary directory left behind harms nothing
    }
  }
}
