package dev.farcall.worker.support;

import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.MethodRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small program compiled at test time and packed into a jar, so its classes are on no class path
 * of the test JVM: the worker can only get them from the jar it fetches. The test side loads the
 * same jar in its own {@link ProgramClassLoader} to encode arguments and decode results.
 */
public final class TestProgram {

  /** The program most tests use: {@code demo.Calc} with static methods, {@code demo.Counter}. */
  public static final Map<String, String> CALC_SOURCES =
      Map.of(
          "demo/Calc.java",
          """
          package demo;

          import java.util.concurrent.atomic.AtomicInteger;

          public class Calc {
            private static final AtomicInteger running = new AtomicInteger();
            private static final AtomicInteger maxRunning = new AtomicInteger();

            public static int add(int a, int b) {
              return a + b;
            }

            public static String greet(String name) {
              return "hello " + name;
            }

            public static int fail(String message) {
              throw new IllegalStateException(message, new ArithmeticException("root cause"));
            }

            /** Sleeps, and answers the most calls this class has seen running at once. */
            public static int slow(long millis) throws InterruptedException {
              int now = running.incrementAndGet();
              maxRunning.accumulateAndGet(now, Math::max);
              try {
                Thread.sleep(millis);
              } finally {
                running.decrementAndGet();
              }
              return maxRunning.get();
            }
          }
          """,
          "demo/Counter.java",
          """
          package demo;

          public class Counter {
            private int start;

            public Counter() {}

            public int plus(int x) {
              return start + x;
            }
          }
          """);

  private static TestProgram calc;

  private final byte[] jar;
  private final String sha256;
  private final Path jarFile;
  private final ProgramClassLoader loader;
  private final ArgumentCodec codec;

  private TestProgram(byte[] jar, Path jarFile) {
    this.jar = jar;
    this.jarFile = jarFile;
    this.sha256 = sha256(jar);
    this.loader =
        ProgramClassLoader.fromJar(jarFile, "test-side", TestProgram.class.getClassLoader());
    this.codec = new ArgumentCodec(loader);
  }

  /** The Calc program, compiled once per JVM. */
  public static synchronized TestProgram calc() {
    if (calc == null) {
      calc = compile(CALC_SOURCES);
    }
    return calc;
  }

  /** Compiles Java sources (path to source text) and packs the classes into a jar. */
  public static TestProgram compile(Map<String, String> sources) {
    try {
      Path dir = Files.createTempDirectory("farcall-test-program");
      Path src = dir.resolve("src");
      Path classes = dir.resolve("classes");
      Files.createDirectories(classes);
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
      }
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      List<String> args =
          Stream.concat(
                  Stream.of("--release", "17", "-d", classes.toString()),
                  sources.keySet().stream().map(k -> src.resolve(k).toString()))
              .toList();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = compiler.run(null, null, errors, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException(
            "test program does not compile: " + errors.toString(StandardCharsets.UTF_8));
      }
      byte[] jar = jar(classes);
      Path jarFile = dir.resolve("program.jar");
      Files.write(jarFile, jar);
      return new TestProgram(jar, jarFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] jar(Path classes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The jar's bytes. */
  public byte[] jarBytes() {
    return jar.clone();
  }

  /** Hex SHA-256 of the jar. */
  public String sha256() {
    return sha256;
  }

  /** The declared method of a program class with this name (the test programs do not overload). */
  public Method method(String className, String name) {
    try {
      Class<?> owner = Class.forName(className, false, loader);
      return Arrays.stream(owner.getDeclaredMethods())
          .filter(m -> m.getName().equals(name))
          .findFirst()
          .orElseThrow();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The codec of a method, built by the test side from the same jar. */
  /** The test side's codec of the program (remote objects' constructors and methods). */
  public ArgumentCodec argumentCodec() {
    return codec;
  }

  /** The program's class of this name, in the test side's loader. */
  public Class<?> type(String className) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(className, e);
    }
  }

  public MethodCodec codec(Method method) {
    return codec.forMethod(method);
  }

  /** The wire name of a method. */
  public static MethodRef ref(Method method) {
    return new MethodRef(
        method.getDeclaringClass().getName(), method.getName(), MethodDescriptors.of(method));
  }

  /** Hex SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
