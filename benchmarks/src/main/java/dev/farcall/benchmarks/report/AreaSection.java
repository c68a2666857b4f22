package dev.farcall.benchmarks.report;

import dev.farcall.benchmarks.report.AreaResults.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One area's part of BENCHMARKS.md: when and under what load it ran, a table of its figures
 * (median, min, max, repetitions, target, ratios), its notes and its plots. The one place of the
 * table format.
 */
final class AreaSection {

  private AreaSection() {}

  /** The Markdown of {@code area}; {@code plots} are paths relative to BENCHMARKS.md. */
  static String markdown(AreaResults area, List<String> plots) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(area.area()).append(": ").append(area.title()).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Run %s UTC on %d CPUs; load average %.1f before, %.1f after. Results file:"
                + " `benchmarks/results/%s`.%n%n",
            when(area.date()),
            area.machine().cpus(),
            area.loadBefore(),
            area.loadAfter(),
            area.file()));
    if (!area.figures().isEmpty()) {
      md.append(table(area.figures()));
    }
    if (!area.targets().isEmpty()) {
      md.append(campaign(area.targets()));
    }
    List<String> figureNotes = new ArrayList<>();
    for (Figure f : area.figures()) {
      f.note().ifPresent(n -> figureNotes.add("*" + cell(f.name()) + "*: " + n));
    }
    if (!area.notes().isEmpty() || !figureNotes.isEmpty()) {
      md.append("\n");
      area.notes().forEach(n -> md.append("- ").append(n).append("\n"));
      figureNotes.forEach(n -> md.append("- ").append(n).append("\n"));
    }
    for (String plot : plots) {
      md.append("\n![").append(plotTitle(plot)).append("](").append(plot).append(")\n");
    }
    return md.append("\n").toString();
  }

  /** The figures' table: each median is of at least five repetitions, their min and max beside. */
  static String table(List<Figure> figures) {
    StringBuilder md = new StringBuilder();
    md.append("| figure | median | min | max | reps | target | ratios |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (Figure f : figures) {
      String target =
          f.target()
              .map(t -> cell(t.description()) + ": " + (t.met() ? "met" : "**NOT met**"))
              .orElse("");
      String ratios =
          f.ratios().entrySet().stream()
              .map(e -> cell(e.getKey()) + ": " + number(e.getValue()))
              .collect(Collectors.joining("; "));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s %s | %s | %s | %d | %s | %s |%n",
              cell(f.name()),
              number(f.median()),
              f.unit(),
              number(f.min()),
              number(f.max()),
              f.repetitions().size(),
              target,
              ratios));
    }
    return md.toString();
  }

  /** A pass/fail campaign's targets (the fuzz area), whatever fields it recorded. */
  private static String campaign(List<Map<String, String>> targets) {
    List<String> columns = new ArrayList<>(targets.get(0).keySet());
    StringBuilder md = new StringBuilder();
    md.append("| ").append(String.join(" | ", columns)).append(" |\n");
    md.append("|").append(" --- |".repeat(columns.size())).append("\n");
    for (Map<String, String> row : targets) {
      md.append("| ");
      md.append(
          columns.stream()
              .map(c -> cell(row.getOrDefault(c, "")))
              .collect(Collectors.joining(" | ")));
      md.append(" |\n");
    }
    return md.toString();
  }

  /**
   * Whole numbers as such; otherwise three decimals under 1, two under 10 (ratios), none from 1,000
   * (rates), else one.
   */
  static String number(double value) {
    double a = Math.abs(value);
    if (value == Math.rint(value) && a >= 1) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (a < 1) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    if (a < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  /** "2026-12-04 01:19" from an ISO instant. */
  static String when(String isoDate) {
    return isoDate.length() >= 16 ? isoDate.substring(0, 16).replace('T', ' ') : isoDate;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String plotTitle(String plot) {
    String file = plot.substring(plot.lastIndexOf('/') + 1).replace(".png", "");
    return file.replace('-', ' ');
  }
}
