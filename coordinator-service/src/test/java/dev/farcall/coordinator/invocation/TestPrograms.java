package dev.farcall.coordinator.invocation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources into a jar at test time, so the program's classes are never on the
 * coordinator's class path.
 */
public final class TestPrograms {

  /** Set by {@code example.Calc}'s static initialiser: it must never run in the coordinator. */
  static final String CALC_INITIALISED = "farcall.test.calc.initialised";

  /** A small program with overloads, records, lists, instance methods and an untransferable one. */
  static final Map<String, String> CALC =
      Map.of(
          "example/Point.java",
          "package example; public record Point(int x, int y) {}",
          "example/Counter.java",
          """
          package example;
          public class Counter {
            private int count;
            public Counter() {}
            public int getCount() { return count; }
            public void setCount(int count) { this.count = count; }
            public int plus(int k) { return count + k; }
          }
          """,
          "example/Calc.java",
          """
          package example;
          import java.util.List;
          public final class Calc {
            static { System.setProperty("%s", "true"); }
            public static int add(int a, int b) { return a + b; }
            public static long add(long a, long b) { return a + b; }
            public static String add(String a, String b) { return a + b; }
            public static String twice(String s) { return s + s; }
            public static String twice(String s, int times) { return s.repeat(times); }
            public static Point shift(Point p, int dx) { return new Point(p.x() + dx, p.y()); }
            public static int total(List<Point> points) {
              return points.stream().mapToInt(p -> p.x() + p.y()).sum();
            }
            public static int[] squares(int[] xs) { return xs; }
            public static void sink(Object anything) {}
            public static int divide(int a, int b) { return a / b; }
            public static void nothing() {}
            public static java.math.BigDecimal exact(java.math.BigDecimal d) { return d; }
            static int hidden() { return 1; }
            public static final class Nested {
              public static int one(Nested.Kind kind) { return 1; }
              public enum Kind { A, B }
            }
          }
          """
              .formatted(CALC_INITIALISED));

  private TestPrograms() {}

  /** Compiles the sources (path → text) with {@code -parameters} and packs the classes. */
  public static Path jar(Path dir, Map<String, String> sources) {
    try {
      Path src = Files.createDirectories(dir.resolve("src"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      List<String> args =
          new ArrayList<>(
              List.of("--release", "17", "-parameters", "-d", classes.toString(), "-nowarn"));
      for (var e : sources.entrySet()) {
        Path file = src.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      var err = new java.io.ByteArrayOutputStream();
      int rc = javac.run(null, null, err, args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException("javac failed: " + err.toString(StandardCharsets.UTF_8));
      }
      Path jar = dir.resolve("program.jar");
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream zip = new JarOutputStream(out);
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          zip.write(Files.readAllBytes(f));
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
