package dev.farcall.benchmarks.report;

import dev.farcall.benchmarks.report.AreaResults.Figure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * An area's PNG plots (XChart, headless): its ratio figures against their targets as bars, the
 * spread of its latency percentiles over the repetitions as boxes, and its recorded series as
 * lines. Each method returns the file it wrote, or nothing when the area has nothing to plot.
 */
final class Plots {

  private static final Set<String> TIME_UNITS = Set.of("ns", "µs", "us", "ms", "s");
  private static final Pattern PERCENTILE = Pattern.compile("\\bp\\d{2}\\b");

  /** The bound in a target's description: "(≤ 1.5)", "at most 1.10x", "at least 1.6x". */
  private static final Pattern BOUND =
      Pattern.compile("(?:≤|≥|<|>|at most|at least|within)\\s*([0-9]+(?:\\.[0-9]+)?)");

  /** A category label longer than this makes the axis unreadable. */
  private static final int LABEL = 64;

  /** Spread (max over min) beyond which a linear axis shows only the largest bars. */
  private static final double LOG_SPREAD = 50;

  private final Path dir;

  Plots(Path dir) {
    this.dir = dir;
  }

  /**
   * Bars of every ratio figure (unit x) whose target names a bound, as its median over that bound,
   * so that figures with different targets share one axis (1 = on the target; the colour says
   * whether the target's direction is met). XChart's category charts have no logarithmic axis for
   * bars, which ratios a hundred times apart would need drawn raw.
   */
  Optional<Path> ratios(AreaResults area) throws IOException {
    List<Figure> figures = new ArrayList<>();
    List<Double> bounds = new ArrayList<>();
    for (Figure f : area.figures()) {
      Optional<Double> bound = f.target().flatMap(t -> bound(t.description()));
      if (f.unit().equals("x") && bound.isPresent() && bound.get() > 0) {
        figures.add(f);
        bounds.add(bound.get());
      }
    }
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(900)
            .title(area.area() + ": ratio figures to their targets (median ÷ target bound)")
            .yAxisTitle("median ÷ target bound")
            .build();
    List<String> labels = labels(figures, Figure::name);
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.addSeries("target met", labels, split(figures, bounds, true));
    chart.addSeries("target NOT met", labels, split(figures, bounds, false));
    CategorySeries one =
        chart.addSeries("on the target (1.0)", labels, labels.stream().map(l -> 1.0).toList());
    one.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    return Optional.of(save(chart, area.area() + "-ratios.png"));
  }

  /** Boxes of each latency percentile's repetitions, in the area's commonest time unit. */
  Optional<Path> latencies(AreaResults area) throws IOException {
    List<Figure> latency =
        area.figures().stream()
            .filter(f -> TIME_UNITS.contains(f.unit()) && PERCENTILE.matcher(f.name()).find())
            .toList();
    if (latency.isEmpty()) {
      return Optional.empty();
    }
    String unit =
        latency.stream()
            .collect(Collectors.groupingBy(Figure::unit, LinkedHashMap::new, Collectors.counting()))
            .entrySet()
            .stream()
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    List<Figure> shown = latency.stream().filter(f -> f.unit().equals(unit)).toList();
    BoxChart chart =
        new BoxChartBuilder()
            .width(1000)
            .height(900)
            .title(area.area() + ": latency percentiles over the repetitions (" + unit + ")")
            .yAxisTitle(unit)
            .build();
    double min = shown.stream().mapToDouble(Figure::min).min().orElse(1);
    double max = shown.stream().mapToDouble(Figure::max).max().orElse(1);
    chart.getStyler().setYAxisLogarithmic(min > 0 && max / min > LOG_SPREAD);
    chart.getStyler().setXAxisLabelRotation(90);
    List<String> labels = labels(shown, Figure::name);
    for (int i = 0; i < shown.size(); i++) {
      chart.addSeries(labels.get(i), new ArrayList<>(shown.get(i).repetitions()));
    }
    return Optional.of(save(chart, area.area() + "-latency.png"));
  }

  /** The area's recorded series as lines, for example calls/s by worker containers. */
  Optional<Path> series(AreaResults area) throws IOException {
    if (area.series().isEmpty()) {
      return Optional.empty();
    }
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(480)
            .title(area.area() + ": " + area.title())
            .yAxisTitle(
                area.series().stream().map(AreaResults.Series::unit).distinct().count() == 1
                    ? area.series().get(0).unit()
                    : "each series in its own unit (legend)")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    for (AreaResults.Series s : area.series()) {
      List<Double> x = s.points().stream().map(p -> p[0]).toList();
      List<Double> y = s.points().stream().map(p -> p[1]).toList();
      chart.addSeries(s.name() + " (" + s.unit() + ")", x, y);
    }
    return Optional.of(save(chart, area.area() + "-series.png"));
  }

  static Optional<Double> bound(String description) {
    Matcher m = BOUND.matcher(description);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** Each figure's median over its bound where its target is (or is not) met, else a gap. */
  private static List<Double> split(List<Figure> figures, List<Double> bounds, boolean met) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < figures.size(); i++) {
      boolean isMet = figures.get(i).target().map(AreaResults.Target::met).orElse(false);
      values.add(isMet == met ? figures.get(i).median() / bounds.get(i) : null);
    }
    return values;
  }

  /** Shortened, unique category labels (XChart keys categories and series by their label). */
  private static List<String> labels(List<Figure> figures, Function<Figure, String> name) {
    List<String> labels = new ArrayList<>();
    for (Figure f : figures) {
      String label = name.apply(f);
      if (label.length() > LABEL) {
        // both ends: the start names the case, the end what is measured or compared
        int head = LABEL / 2 - 4;
        label =
            label.substring(0, head) + "…" + label.substring(label.length() - (LABEL - head - 1));
      }
      while (labels.contains(label)) {
        label = label + "'";
      }
      labels.add(label);
    }
    return labels;
  }

  private Path save(Chart<?, ?> chart, String file) throws IOException {
    Files.createDirectories(dir);
    Path out = dir.resolve(file);
    try (OutputStream o = Files.newOutputStream(out)) {
      BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG);
    }
    return out;
  }
}
