package dev.farcall.examples.analysis;

import java.util.ArrayList;
import java.util.List;

/** A builder that only writes fresh objects. */
public final class Report {
  private final String title;
  private final List<String> lines;

  private Report(String title, List<String> lines) {
    this.title = title;
    this.lines = List.copyOf(lines);
  }

  public String render() {
    StringBuilder out = new StringBuilder(title).append('\n');
    for (String line : lines) {
      out.append("- ").append(line).append('\n');
    }
    return out.toString();
  }

  /** The builder mutates only itself. */
  public static final class Builder {
    private String title = "";
    private final List<String> lines = new ArrayList<>();

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder line(String value) {
      lines.add(value);
      return this;
    }

    public Report build() {
      return new Report(title, lines);
    }
  }

  /** Movable: builds through a fresh builder, chained calls included. */
  public static String make(String title, int count) {
    Builder builder = new Builder().title(title);
    for (int i = 0; i < count; i++) {
      builder.line("line " + i);
    }
    return builder.build().render();
  }
}
