package dev.farcall.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rewrites BENCHMARKS.md from scratch out of {@code benchmarks/results/*.json}: a preamble (machine
 * and conditions as the results files recorded them, how to run each area of {@code
 * benchmarks/areas/suite.tsv}, how figures are reported), then per area its table, notes and plots,
 * which go to {@code benchmarks/report/}. Nothing in the report is typed by hand, so a re-run
 * replaces every number.
 *
 * <p>Run: {@code benchmarks/report.sh --no-run}, or {@code benchmarks/run.sh
 * dev.farcall.benchmarks.report.ReportGenerator} from the repository root.
 */
public final class ReportGenerator {

  /** An area of the recorded suite: how long it typically takes and what it needs. */
  record SuiteArea(String area, String takes, String needs) {}

  private final Path root;

  ReportGenerator(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Path out = new ReportGenerator(root).write();
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** Reads every results file, draws the plots and writes BENCHMARKS.md. */
  Path write() throws IOException {
    List<SuiteArea> suite = suite(root.resolve("benchmarks/areas/suite.tsv"));
    List<AreaResults> areas = read(root.resolve("benchmarks/results"), suite);
    Path plotsDir = root.resolve("benchmarks/report");
    clear(plotsDir);
    Plots plots = new Plots(plotsDir);
    Map<String, List<String>> plotFiles = new LinkedHashMap<>();
    for (AreaResults a : areas) {
      List<String> files = new ArrayList<>();
      for (Optional<Path> p : List.of(plots.ratios(a), plots.latencies(a), plots.series(a))) {
        p.ifPresent(path -> files.add("benchmarks/report/" + path.getFileName()));
      }
      plotFiles.put(a.area(), files);
    }
    Path out = root.resolve("BENCHMARKS.md");
    Files.writeString(out, markdown(suite, areas, plotFiles, Instant.now()));
    return out;
  }

  static List<SuiteArea> suite(Path tsv) throws IOException {
    List<SuiteArea> suite = new ArrayList<>();
    for (String line : Files.readAllLines(tsv)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      suite.add(new SuiteArea(f[0], f[1], f[2]));
    }
    return suite;
  }

  /** The results files, in the suite's order, then any others by name. */
  static List<AreaResults> read(Path dir, List<SuiteArea> suite) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<String> order = suite.stream().map(SuiteArea::area).toList();
    List<AreaResults> areas = new ArrayList<>();
    for (Path p : files) {
      areas.add(AreaResults.read(p));
    }
    areas.sort(
        (a, b) -> {
          int ia = order.indexOf(a.area());
          int ib = order.indexOf(b.area());
          ia = ia < 0 ? Integer.MAX_VALUE : ia;
          ib = ib < 0 ? Integer.MAX_VALUE : ib;
          return ia != ib ? Integer.compare(ia, ib) : a.area().compareTo(b.area());
        });
    return areas;
  }

  /** The whole report. */
  static String markdown(
      List<SuiteArea> suite,
      List<AreaResults> areas,
      Map<String, List<String>> plots,
      Instant now) {
    StringBuilder md = new StringBuilder();
    md.append("# Farcall benchmarks\n\n");
    md.append(
        "What Farcall costs on the project's build machine, beside its peers and the targets of"
            + " `/work/shared/PERFORMANCE.md`. Generated "
            + AreaSection.when(now.truncatedTo(ChronoUnit.MINUTES).toString())
            + " UTC by `benchmarks/report.sh` from `benchmarks/results/*.json`; do not edit by"
            + " hand, re-run instead. Earlier hand-written results are in git history.\n\n");
    md.append(machine(areas));
    md.append(howToRun(suite, areas));
    md.append(howReported());
    md.append("## Results\n\n");
    for (AreaResults a : areas) {
      md.append(AreaSection.markdown(a, plots.getOrDefault(a.area(), List.of())));
    }
    List<String> missing =
        suite.stream()
            .map(SuiteArea::area)
            .filter(s -> areas.stream().noneMatch(a -> a.area().equals(s)))
            .toList();
    if (!missing.isEmpty()) {
      md.append("### Not measured yet\n\nNo results file for: ")
          .append(String.join(", ", missing))
          .append(" (run `benchmarks/report.sh ")
          .append(String.join(" ", missing))
          .append("`).\n");
    }
    return md.toString();
  }

  private static String machine(List<AreaResults> areas) {
    StringBuilder md = new StringBuilder("## Machine and conditions\n\n| | |\n| --- | --- |\n");
    md.append(fact("memory (GiB)", areas, a -> a.machine().memoryGiB()));
    md.append(fact("Java", areas, a -> a.machine().java()));
    md.append(fact("OS", areas, a -> a.machine().os()));
    md.append(
        "\nThe machine is shared (other engineers' builds and tests run on its 2 cores), so"
            + " each area records the 1-minute load average before and after its measurements."
            + " At a load of 8 on 2 cores a runnable thread gets about a quarter of a core:"
            + " absolute wall-clock figures stretch with the load, ratios measured in the same"
            + " run and thread CPU times much less.\n\n");
    md.append("| area | run (UTC) | CPUs | load before → after | figures | targets met |\n");
    md.append("| --- | --- | ---: | --- | ---: | --- |\n");
    for (AreaResults a : areas) {
      long targets = a.figures().stream().filter(f -> f.target().isPresent()).count();
      long met =
          a.figures().stream().filter(f -> f.target().map(t -> t.met()).orElse(false)).count();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f → %.1f | %d | %s |%n",
              a.area(),
              AreaSection.when(a.date()),
              a.machine().cpus(),
              a.loadBefore(),
              a.loadAfter(),
              a.figures().size(),
              targets == 0 ? "–" : met + " of " + targets));
    }
    return md.append("\n").toString();
  }

  private static String fact(
      String label, List<AreaResults> areas, java.util.function.Function<AreaResults, String> f) {
    TreeSet<String> values =
        areas.stream()
            .map(f)
            .filter(v -> !v.isBlank())
            .collect(Collectors.toCollection(TreeSet::new));
    return "| " + label + " | " + (values.isEmpty() ? "–" : String.join("; ", values)) + " |\n";
  }

  private static String howToRun(List<SuiteArea> suite, List<AreaResults> areas) {
    StringBuilder md = new StringBuilder("## How to run\n\n");
    md.append(
        "From the repository root. `benchmarks/report.sh` builds once (a reactor build of the"
            + " benchmarks and every module they measure: `mvn -B -q -pl benchmarks -am package"
            + " -DskipTests -Dspotless.check.skip=true`, never `install`), runs the whole recorded"
            + " suite below in this order, printing how long each area took, and regenerates this"
            + " file. `benchmarks/report.sh codec e2e` runs only the areas named;"
            + " `benchmarks/report.sh --no-run` only regenerates from the results files present."
            + " An area whose needs the machine lacks is skipped with a message, its last results"
            + " file kept. Each area's script also runs alone (`SKIP_BUILD=1` reuses the last"
            + " build).\n\n");
    md.append("| area | command | takes | needs | what |\n| --- | --- | --- | --- | --- |\n");
    for (SuiteArea s : suite) {
      String title =
          areas.stream()
              .filter(a -> a.area().equals(s.area()))
              .map(AreaResults::title)
              .findFirst()
              .orElse("(no results file yet)");
      md.append(
          String.format(
              "| %s | `benchmarks/areas/%s.sh` | %s | %s | %s |%n",
              s.area(), s.area(), s.takes(), s.needs().equals("none") ? "–" : s.needs(), title));
    }
    return md.append("\n").toString();
  }

  private static String howReported() {
    return "## How figures are reported\n\n"
        + "- Every figure is the **median of at least 5 repetitions** (the generator refuses"
        + " fewer), with their **min and max** and the count (reps). A repetition is one measured"
        + " round of the area (for JMH areas one measured iteration); a note says where a figure"
        + " is a percentile of runs rather than a median.\n"
        + "- A **target** (PERFORMANCE.md) is judged on the median: met or **NOT met**. A ratio"
        + " figure (unit x) pairs repetition i of one system with repetition i of the other; the"
        + " ratios column gives the ratio of the medians to the figures named.\n"
        + "- Peers are measured in the same run as Farcall, each alone (its processes started"
        + " for its phase and gone before the next system's), with its own recommended"
        + " settings; the area's notes say which.\n"
        + "- Each area records the date, the machine and the **load average before and after**."
        + " Plots are in `benchmarks/report/`: ratios against their targets as bars, latency"
        + " percentiles over the repetitions as boxes, recorded series as lines.\n\n";
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.delete(p);
      }
    }
  }
}
