package dev.farcall.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.report.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * The end-to-end benchmark's results files. Each system is measured by an {@link EndToEndBenchmark}
 * JVM of its own ({@code --only=<system> --json=<part>}), one after the other, so no other system's
 * processes live during its phase; {@link #main} then joins the parts into {@code
 * benchmarks/results/e2e.json} and adds the ratios the targets are about.
 *
 * <p>Run: {@code benchmarks/areas/e2e.sh}.
 */
public final class EndToEndResults {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RATE = ": calls/s";
  private static final String P50 = ": round trip p50";
  private static final String P99 = ": round trip p99";
  private static final String ONE = "Farcall Dispatcher, 1 in flight";
  private static final String PIPELINED = "Farcall Dispatcher, 4096 in flight" + RATE;

  private EndToEndResults() {}

  /**
   * Writes one system's repetitions: a one-at-a-time measurement as its p50 and p99 round trip, a
   * concurrent one as its calls per second (the figures the targets compare).
   */
  static void writePart(
      Path out, Set<String> parts, Map<String, List<Result>> results, Instant start, double before)
      throws IOException {
    ArrayNode figures = JSON.createArrayNode();
    results.forEach(
        (name, list) -> {
          if (oneAtATime(name)) {
            figures.add(figure(name + P50, list, r -> r.p50Micros()));
            figures.add(figure(name + P99, list, r -> r.p99Micros()));
          } else {
            ObjectNode f =
                ResultsFile.figure(
                    name + RATE, "calls/s", true, list.stream().map(Result::perSecond).toList());
            figures.add(f);
          }
        });
    ResultsFile.write(
        out,
        "e2e-" + String.join("-", parts),
        "End-to-end part " + parts,
        List.of("EndToEndBenchmark --only=" + String.join(",", parts)),
        figures,
        new ResultsFile.Span(start, before, ResultsFile.loadAverage()));
  }

  private static boolean oneAtATime(String name) {
    return name.endsWith("1 in flight") || name.endsWith("1 caller");
  }

  private static ObjectNode figure(
      String name, List<Result> list, java.util.function.ToLongFunction<Result> field) {
    ObjectNode f =
        ResultsFile.figure(
            name, "µs", false, list.stream().map(r -> (double) field.applyAsLong(r)).toList());
    return f;
  }

  /**
   * Joins part files into one results file. Arguments: {@code <out> <part>...}, the parts in the
   * order they were measured.
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    List<JsonNode> parts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      parts.add(JSON.readTree(Path.of(args[i]).toFile()));
    }
    ArrayNode figures = JSON.createArrayNode();
    List<String> notes = new ArrayList<>();
    notes.add(
        "Each system measured alone, in the same report run, one after the other: an"
            + " EndToEndBenchmark JVM of its own per system (--only=<system>), so no other"
            + " system's processes (broker, coordinator, workers, RMI server, Hazelcast member)"
            + " lived during its phase. Each with its own recommended settings: raw Kafka linger 0"
            + " one at a time and linger 5 ms, 64 KiB batches pipelined; Farcall the services'"
            + " defaults; RMI's defaults; Hazelcast with a common pool of 2 threads"
            + " (PERFORMANCE.md's trap on small machines).");
    for (JsonNode part : parts) {
      part.path("figures").forEach(f -> figures.add(f.deepCopy()));
      notes.add(
          String.format(
              Locale.ROOT,
              "%s: from %s, load average %.2f before, %.2f after.",
              part.path("notes").path(0).asText(),
              part.path("date").asText(),
              part.path("loadAverage").path("before").asDouble(),
              part.path("loadAverage").path("after").asDouble()));
    }
    notes.add(
        "Per repetition, after one unmeasured warm-up round at a fifth of the size: raw Kafka"
            + " 2,000 requests one at a time and 100,000 with 5,000 in flight; Farcall (the"
            + " coordinator's CallDispatcher, the run driver's Java path, two workers) 2,000 calls"
            + " one at a time and 50,000 with 4,096 in flight, alone and in batches of 64; RMI"
            + " 10,000 calls from 1 caller, 3 s of 8 and of 32 callers; Hazelcast submitToMember"
            + " 5,000 sync and 100,000 async with 1,024 in flight. Ratios pair repetition i of"
            + " one system with repetition i of the other (the systems ran minutes apart).");
    addRatio(
            figures,
            "Farcall pipelined ÷ Hazelcast async, calls/s",
            PIPELINED,
            "Hazelcast",
            "async",
            RATE)
        .ifPresent(f -> ResultsFile.target(f, "above Hazelcast's (> 1.0)", met(f, v -> v > 1.0)));
    addRatio(
            figures,
            "Farcall pipelined ÷ raw Kafka pipelined, calls/s",
            PIPELINED,
            "raw Kafka",
            "pipelined",
            RATE)
        .ifPresent(f -> ResultsFile.target(f, "at least 0.8x (≥ 0.8)", met(f, v -> v >= 0.8)));
    addRatio(
            figures,
            "Farcall 1 in flight ÷ raw Kafka 1 in flight, p50",
            ONE + P50,
            "raw Kafka",
            "1 in flight",
            P50)
        .ifPresent(f -> ResultsFile.target(f, "within 1.5x (≤ 1.5)", met(f, v -> v <= 1.5)));
    addRatio(
            figures,
            "Farcall 1 in flight ÷ raw Kafka 1 in flight, p99",
            ONE + P99,
            "raw Kafka",
            "1 in flight",
            P99)
        .ifPresent(f -> ResultsFile.target(f, "within 1.5x (≤ 1.5)", met(f, v -> v <= 1.5)));
    addRatio(
            figures,
            "Farcall pipelined ÷ RMI 32 callers, calls/s",
            PIPELINED,
            "Java RMI",
            "32 callers",
            RATE)
        .ifPresent(f -> ResultsFile.target(f, "above RMI's (> 1.0)", met(f, v -> v > 1.0)));
    JsonNode first = parts.get(0);
    JsonNode last = parts.get(parts.size() - 1);
    ResultsFile.write(
        out,
        "e2e",
        "End-to-end: remote no-op invocation, Farcall and its peers, each measured alone",
        notes,
        figures,
        new ResultsFile.Span(
            Instant.parse(first.path("date").asText()),
            first.path("loadAverage").path("before").asDouble(),
            last.path("loadAverage").path("after").asDouble()));
  }

  private static boolean met(ObjectNode figure, DoublePredicate test) {
    return test.test(figure.path("median").asDouble());
  }

  /**
   * Adds {@code numerator ÷ denominator} per repetition, the denominator found by system and
   * measurement; nothing when either was not measured in this run.
   */
  private static Optional<ObjectNode> addRatio(
      ArrayNode figures, String name, String numerator, String system, String what, String suffix) {
    Optional<JsonNode> a = find(figures, f -> f.equals(numerator));
    Optional<JsonNode> b =
        find(figures, f -> f.startsWith(system) && f.contains(what) && f.endsWith(suffix));
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    List<Double> ratios = new ArrayList<>();
    JsonNode ra = a.get().path("repetitions");
    JsonNode rb = b.get().path("repetitions");
    for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
      ratios.add(ra.get(i).asDouble() / rb.get(i).asDouble());
    }
    ObjectNode f =
        ResultsFile.figure(name, "x", a.get().path("higherIsBetter").asBoolean(), ratios);
    f.put(
        "note",
        String.format(
            Locale.ROOT,
            "%s ÷ %s per repetition; ratio of the medians %.3f",
            a.get().path("name").asText(),
            b.get().path("name").asText(),
            a.get().path("median").asDouble() / b.get().path("median").asDouble()));
    ObjectNode numeratorFigure = (ObjectNode) a.get();
    ObjectNode shown =
        numeratorFigure.has("ratios")
            ? (ObjectNode) numeratorFigure.get("ratios")
            : numeratorFigure.putObject("ratios");
    shown.put(
        "to " + b.get().path("name").asText(),
        a.get().path("median").asDouble() / b.get().path("median").asDouble());
    figures.add(f);
    return Optional.of(f);
  }

  private static Optional<JsonNode> find(
      ArrayNode figures, java.util.function.Predicate<String> name) {
    for (JsonNode f : figures) {
      if (name.test(f.path("name").asText())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
