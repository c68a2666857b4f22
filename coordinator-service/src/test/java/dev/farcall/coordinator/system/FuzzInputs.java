package dev.farcall.coordinator.system;

import dev.farcall.coordinator.program.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of hostile input for {@link RestFuzzTests}: mostly almost-right input (the right field
 * names with wrong types, values out of range, near-valid names), which gets further into the code
 * than noise, plus noise, truncations and byte flips.
 */
final class FuzzInputs {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FuzzInputs() {}

  // ---- JSON ---------------------------------------------------------------------------------

  /** Any text, including control characters, surrogates and the characters JSON escapes. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("\"\\/{}[]:,\u0000\n\t .#()$<>").ofMaxLength(20),
        Arbitraries.of("", " ", "null", "NaN", "-0", "1e999", "9223372036854775808", "\ud800"));
  }

  /** JSON scalars at and past the edges of every Java number type. */
  static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            0,
            -1,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            1e308,
            -1e-308,
            0.5,
            true,
            false,
            new java.math.BigInteger("123456789012345678901234567890"),
            new java.math.BigDecimal("1e400")),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.doubles().map(d -> (Object) d),
        text().map(s -> (Object) s));
  }

  /** A JSON value of bounded depth whose keys are drawn from {@code names} (or are random). */
  static Arbitrary<Object> values(List<String> names, int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(scalars(), Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(names), text());
    Arbitrary<Object> inner = Arbitraries.lazy(() -> values(names, depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar),
        net.jqwik.api.Tuple.of(2, inner.list().ofMaxSize(4).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(
            2, Arbitraries.maps(keys, inner.injectNull(0.1)).ofMaxSize(4).map(m -> (Object) m)));
  }

  /** Well-formed JSON of a value, or that text damaged: truncated, a byte flipped, or noise. */
  static Arbitrary<String> damaged(Arbitrary<Object> documents) {
    Arbitrary<String> json = documents.map(FuzzInputs::write);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, json),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(json, Arbitraries.integers().between(0, 1000))
                .as((s, n) -> s.substring(0, Math.min(s.length(), n % (s.length() + 1))))),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(json, Arbitraries.integers().between(0, 1000), Arbitraries.chars())
                .as(
                    (s, n, c) -> {
                      if (s.isEmpty()) {
                        return String.valueOf(c);
                      }
                      int at = n % s.length();
                      return s.substring(0, at) + c + s.substring(at + 1);
                    })),
        net.jqwik.api.Tuple.of(1, text()));
  }

  private static String write(Object value) {
    return JSON.writeValueAsString(value);
  }

  /**
   * A JSON object whose fields are chosen among {@code fields}, each with a value from its list.
   */
  static Arbitrary<Object> objectOf(Map<String, Arbitrary<Object>> fields, List<String> names) {
    List<String> keys = List.copyOf(fields.keySet());
    return Arbitraries.subsetOf(keys)
        .flatMap(
            chosen -> {
              Arbitrary<Map<String, Object>> base =
                  Arbitraries.just(new java.util.LinkedHashMap<>());
              for (String key : chosen) {
                Arbitrary<Object> value =
                    Arbitraries.oneOf(fields.get(key), values(names, 2)).injectNull(0.05);
                base =
                    Combinators.combine(base, value)
                        .as(
                            (m, v) -> {
                              Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
                              copy.put(key, v);
                              return copy;
                            });
              }
              return base.map(m -> (Object) m);
            });
  }

  static Arbitrary<String> invocationBodies() {
    List<String> names =
        List.of("className", "methodName", "parameterTypes", "args", "timeoutMillis", "x");
    Arbitrary<Object> classes =
        Arbitraries.of(
            "dev.farcall.examples.placement.NoSuchClass",
            "java.lang.Runtime",
            "java.lang.System",
            "",
            "a.b$",
            "[I",
            "dev/farcall/examples/placement/ParallelSum",
            "dev.farcall.examples.placement.ParallelSum$Nope");
    Arbitrary<Object> methods = Arbitraries.of("square", "main", "<init>", "<clinit>", "", "exit");
    Arbitrary<Object> types =
        Arbitraries.of("int", "long", "java.lang.String", "int[]", "java.util.List", "void", "")
            .list()
            .ofMaxSize(3)
            .map(l -> (Object) l);
    Arbitrary<Object> args = values(names, 2).list().ofMaxSize(3).map(l -> (Object) l);
    Arbitrary<Object> timeouts = Arbitraries.longs().between(-5, 200).map(l -> (Object) l);
    return damaged(
        objectOf(
            Map.of(
                "className", classes,
                "methodName", methods,
                "parameterTypes", types,
                "args", args,
                "timeoutMillis", timeouts),
            names));
  }

  static Arbitrary<String> overrides(String knownClass) {
    Arbitrary<String> methods =
        Arbitraries.oneOf(
            Arbitraries.of(
                knownClass + "#square",
                knownClass + "#countSolutions",
                knownClass + "#countSolutions(I)J",
                knownClass + "#main",
                knownClass + "#",
                "#",
                "nope#x"),
            text());
    Arbitrary<Object> modes =
        Arbitraries.oneOf(
            Arbitraries.of("LOCAL", "REMOTE", "AUTO", "local", "", "PINNED").map(s -> (Object) s),
            scalars());
    return damaged(Arbitraries.maps(methods, modes.injectNull(0.05)).ofMaxSize(4).map(m -> m));
  }

  static Arbitrary<String> settings() {
    List<String> names = List.of("heuristic", "tunables", "k", "threshold", "x");
    Arbitrary<Object> heuristics =
        Arbitraries.of("greedy", "min-cut", "mincut", "", "GREEDY").map(s -> (Object) s);
    Arbitrary<Object> tunables =
        Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.of("k", "threshold", "x"), text()), scalars())
            .ofMaxSize(3)
            .map(m -> (Object) m);
    return damaged(objectOf(Map.of("heuristic", heuristics, "tunables", tunables), names));
  }

  // ---- declarations -------------------------------------------------------------------------

  static Arbitrary<String> declarations(String knownClass) {
    Arbitrary<String> verbs =
        Arbitraries.oneOf(
            Arbitraries.of("remote", "local", "pure", "pinned", "REMOTE", "#", "", "remote remote"),
            text());
    Arbitrary<String> targets =
        Arbitraries.oneOf(
            Arbitraries.of(
                knownClass + "#square",
                knownClass + "#square(I)I",
                knownClass,
                "java.lang.Math#random",
                "no.Such#thing",
                "#",
                knownClass + "#"),
            text());
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Combinators.combine(verbs, targets).as((v, t) -> v + " " + t),
            text(),
            Arbitraries.just(""));
    return line.list().ofMaxSize(6).map(lines -> String.join("\n", lines));
  }

  // ---- multipart and jars -------------------------------------------------------------------

  /** A multipart request: its Content-Type header and body. */
  record Multipart(String contentType, byte[] body) {

    static final String BOUNDARY = "fuzz0boundary0f1e2d3c";

    /** A well-formed upload of {@code file} as the part {@code file}. */
    static Multipart ofFile(byte[] file) {
      return new Multipart(
          "multipart/form-data; boundary=" + BOUNDARY, body(BOUNDARY, "file", "p.jar", file));
    }

    static byte[] body(String boundary, String part, String fileName, byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String head =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + part
              + "\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
      out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(content);
      out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return contentType + " / " + body.length + " bytes";
    }
  }

  static Arbitrary<Multipart> multipartBodies() {
    Arbitrary<String> contentTypes =
        Arbitraries.of(
            "multipart/form-data; boundary=" + Multipart.BOUNDARY,
            "multipart/form-data; boundary=\"" + Multipart.BOUNDARY + "\"",
            "multipart/form-data; boundary=other",
            "multipart/form-data; boundary=",
            "multipart/form-data",
            "multipart/mixed; boundary=" + Multipart.BOUNDARY,
            "application/octet-stream",
            "application/json");
    Arbitrary<byte[]> files =
        Arbitraries.oneOf(
            Arbitraries.just(TestJars.notAZip()),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    Arbitrary<String> parts = Arbitraries.of("file", "name", "", "file\"; x=\"");
    Arbitrary<byte[]> wellFormed =
        Combinators.combine(parts, text(), files)
            .as((part, name, file) -> Multipart.body(Multipart.BOUNDARY, part, name, file));
    Arbitrary<byte[]> bodies =
        Arbitraries.oneOf(
            wellFormed,
            Combinators.combine(wellFormed, Arbitraries.integers().between(0, 400))
                .as((b, n) -> java.util.Arrays.copyOf(b, Math.min(b.length, n))),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    return Combinators.combine(contentTypes, bodies).as(Multipart::new);
  }

  /** A jar-like zip with random entries: hostile names, random sizes, nested archives. */
  static Arbitrary<byte[]> jars() {
    return entries(2).list().ofMinSize(0).ofMaxSize(5).map(FuzzInputs::zip);
  }

  private record Entry(String name, byte[] content, boolean stored) {}

  private static Arbitrary<Entry> entries(int depth) {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "../../x.class",
                "/abs.class",
                "a/../../b.class",
                "demo/Main.class",
                "META-INF/MANIFEST.MF",
                "lib/nested.jar",
                "C:\\win.class",
                "dir/",
                ".class",
                "x".repeat(300) + ".class",
                "caf\u00e9/\u65e5\u672c.class"),
            text().map(s -> s + ".class"),
            text());
    Arbitrary<byte[]> leaves =
        Arbitraries.oneOf(
            Arbitraries.just(TestJars.classBytes()),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
            Arbitraries.integers().between(0, 64 * 1024).map(n -> new byte[n]),
            Arbitraries.integers()
                .between(0, TestJars.classBytes().length)
                .map(n -> java.util.Arrays.copyOf(TestJars.classBytes(), n)));
    Arbitrary<byte[]> contents =
        depth == 0
            ? leaves
            : Arbitraries.oneOf(
                leaves,
                Arbitraries.lazy(() -> entries(depth - 1))
                    .list()
                    .ofMaxSize(3)
                    .map(FuzzInputs::zip));
    return Combinators.combine(names, contents, Arbitraries.of(true, false)).as(Entry::new);
  }

  private static byte[] zip(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    java.util.Set<String> used = new java.util.HashSet<>();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Entry e : entries) {
        String name = new String(e.name().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (name.isEmpty() || !used.add(name)) {
          continue; // ZipOutputStream refuses duplicates; a hand-made zip could hold them
        }
        // A lone surrogate cannot be written as UTF-8; the zip's name is what the bytes say.
        ZipEntry entry =
            new ZipEntry(
                new String(e.name().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        if (e.stored()) {
          CRC32 crc = new CRC32();
          crc.update(e.content());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.content().length);
          entry.setCompressedSize(e.content().length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(e.content());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
