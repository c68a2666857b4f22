package dev.farcall.benchmarks.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.examples.invoke.Work;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The soak's bounded mixed load, on threads of its own until {@link #stop()}: explicit invocations
 * at a fixed pace, runs one after another with their output checked against plain java's, and a new
 * jar uploaded, analysed and deleted every minute. Bounded: the pace does not follow how fast the
 * cluster answers, and nothing stored grows but the runs' history.
 */
final class SoakLoad implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INVOKERS = 2;
  private static final long INVOKE_PERIOD_MILLIS = 100;
  private static final long RUN_PAUSE_MILLIS = 5_000;
  private static final long UPLOAD_PERIOD_MILLIS = 60_000;
  private static final long RUN_LIMIT_MILLIS = 120_000;

  /** The programs the runs alternate: remote calls on eight threads, and a remote object. */
  private static final List<List<String>> PROGRAMS =
      List.of(
          List.of("dev.farcall.examples.programs.grind.Main", "16", "3000000", "0"),
          List.of("dev.farcall.examples.programs.objects.Main"));

  /** What was done, and what went wrong (at most a few examples kept). */
  record Counts(
      long invocations, long runs, long uploads, long failures, List<String> failureExamples) {}

  private final FarcallCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> expected = new ArrayList<>();

  private SoakLoad(FarcallCluster cluster) {
    this.cluster = cluster;
  }

  static String describe() {
    return INVOKERS
        + " callers each making an explicit invocation (Work.noop) every "
        + INVOKE_PERIOD_MILLIS
        + " ms; runs one after another with "
        + RUN_PAUSE_MILLIS / 1000
        + " s between them, alternating "
        + PROGRAMS.stream().map(p -> String.join(" ", p)).toList()
        + "; every "
        + UPLOAD_PERIOD_MILLIS / 1000
        + " s a new jar (the examples jar with one entry more) uploaded, awaited until analysed,"
        + " then deleted";
  }

  static SoakLoad start(FarcallCluster cluster) throws Exception {
    SoakLoad load = new SoakLoad(cluster);
    for (List<String> p : PROGRAMS) {
      load.expected.add(plainJava(p));
    }
    for (int i = 0; i < INVOKERS; i++) {
      load.spawn("soak-invoker-" + i, load::invokeOnce, INVOKE_PERIOD_MILLIS);
    }
    AtomicLong next = new AtomicLong();
    load.spawn(
        "soak-runs", () -> load.runOnce((int) (next.getAndIncrement() % PROGRAMS.size())), 0);
    AtomicLong version = new AtomicLong();
    load.spawn("soak-uploads", () -> load.uploadOnce(version.incrementAndGet()), 0);
    return load;
  }

  Counts stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(RUN_LIMIT_MILLIS + 30_000);
    }
    return new Counts(
        invocations.get(), runs.get(), uploads.get(), failures.get(), List.copyOf(examples));
  }

  @Override
  public void close() throws InterruptedException {
    if (running.get()) {
      stop();
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void spawn(String name, Step step, long periodMillis) {
    Thread t =
        new Thread(
            () -> {
              long next = System.currentTimeMillis();
              while (running.get()) {
                try {
                  step.run();
                } catch (Exception e) {
                  fail(name + ": " + e);
                }
                next += periodMillis;
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                  sleep(wait);
                } else {
                  next = System.currentTimeMillis();
                }
              }
            },
            name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void invokeOnce() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/programs/" + cluster.programId + "/invocations",
            "{\"className\":\"" + Work.class.getName() + "\",\"methodName\":\"noop\"}");
    if (r.statusCode() != 200
        || !JSON.readTree(r.body()).path("outcome").asText().equals("RETURNED")) {
      fail("invocation: " + r.statusCode() + " " + r.body());
      return;
    }
    invocations.incrementAndGet();
  }

  private void runOnce(int program) throws Exception {
    List<String> p = PROGRAMS.get(program);
    Map<String, Object> body = Map.of("mainClass", p.get(0), "args", p.subList(1, p.size()));
    HttpResponse<String> posted =
        send("POST", "/programs/" + cluster.programId + "/runs", JSON.writeValueAsString(body));
    if (posted.statusCode() != 202) {
      fail("POST runs: " + posted.statusCode() + " " + posted.body());
      return;
    }
    String runId = JSON.readTree(posted.body()).path("id").asText();
    long deadline = System.currentTimeMillis() + RUN_LIMIT_MILLIS;
    String status = "";
    while (running.get() || System.currentTimeMillis() < deadline) {
      JsonNode run = JSON.readTree(send("GET", "/runs/" + runId, null).body());
      status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        fail("run " + runId + " not finished in " + RUN_LIMIT_MILLIS + " ms");
        return;
      }
      sleep(500);
    }
    String out = send("GET", "/runs/" + runId + "/output", null).body();
    if (!status.equals("SUCCEEDED") || !out.equals(expected.get(program))) {
      fail("run " + runId + " " + status + ", output " + abbreviate(out));
    } else {
      runs.incrementAndGet();
    }
    sleep(RUN_PAUSE_MILLIS);
  }

  private void uploadOnce(long version) throws Exception {
    long start = System.currentTimeMillis();
    String id = cluster.upload(variant(version), "examples-" + version + ".jar");
    long deadline = start + RUN_LIMIT_MILLIS;
    String status = "";
    while (System.currentTimeMillis() < deadline) {
      JsonNode program = JSON.readTree(send("GET", "/programs/" + id, null).body());
      status = program.path("analysis").path("status").asText();
      if (status.equals("DONE") || status.equals("FAILED")) {
        break;
      }
      sleep(500);
    }
    int deleted = send("DELETE", "/programs/" + id, null).statusCode();
    if (!status.equals("DONE") || deleted != 204) {
      fail("upload " + id + ": analysis " + status + ", delete " + deleted);
    } else {
      uploads.incrementAndGet();
    }
    sleep(Math.max(0, start + UPLOAD_PERIOD_MILLIS - System.currentTimeMillis()));
  }

  /** The examples jar with one entry more, so that each upload is a program of its own. */
  private static byte[] variant(long version) throws Exception {
    byte[] jar = Files.readAllBytes(FarcallCluster.examplesJar());
    ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + 1024);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        zip.putNextEntry(new ZipEntry(e.getName()));
        in.transferTo(zip);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("soak/version-" + version + ".txt"));
      zip.write(String.valueOf(version).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static String plainJava(List<String> program) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(FarcallCluster.examplesJar().toString());
    command.addAll(program);
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("plain java " + program + " failed");
    }
    return out;
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cluster.apiUrl() + path))
            .header("Authorization", "Bearer " + cluster.adminToken);
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void fail(String what) {
    failures.incrementAndGet();
    if (examples.size() < 5) {
      examples.add(what);
    }
    System.err.println("soak failure: " + what);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
