package dev.farcall.benchmarks.driver;

import dev.farcall.api.Farcall;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.driver.rewrite.SiteModes;
import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.driver.sites.CallSettings;
import dev.farcall.driver.sites.Decision;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.driver.sites.SiteDispatcher;
import dev.farcall.driver.sites.SitePlan;
import dev.farcall.model.MethodId;
import dev.farcall.model.program.ProgramClassLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of the LOCAL path of a rewritten call site against a direct call (PERFORMANCE.md: under
 * 5 ns over a direct call). The program is one generated class, {@code bench.Target}, with a tiny
 * pure {@code mix(int)} and {@code call(int)}, whose body is the call site {@code return mix(x)}.
 * The same bytes are loaded four ways: as they are (direct call), and by a run's rewriting class
 * loader with {@code mix} LOCAL and not counted, LOCAL and counted (a {@link LongAdder} increment
 * per call), and, compiled as a Java 6 class file that cannot hold {@code invokedynamic}, LOCAL
 * through the run's volatile mode table. Each variant calls {@code call} through a constant method
 * handle, which the JIT inlines like a plain call, so what differs is the call site alone.
 *
 * <p>{@code wholeProgramPlain} and {@code wholeProgramRun} time the fine-grained example ({@code
 * programs.finegrained.Main 2000000000 2}: 4·10⁹ calls of a tiny pure method in one loop) as a
 * whole, each invocation on a fresh class loader: once loaded as it is and run by calling its
 * {@code main}, once as a Farcall run (the driver's rewriting class loader and site dispatcher,
 * {@code mix} LOCAL with the cost model's estimate of 10 ns, so uncounted), in the same JVM, so
 * neither pays JVM start-up and no cluster competes for the cores. Their ratio is the per-call cost
 * of the LOCAL path inside a compiled loop.
 *
 * <p>It lives in the run driver's package because the rewriting class loader and the decision table
 * are the driver's internals, not API.
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.coordinator.run.LocalPathBenchmark -wi 3 -w 1s -i 5
 * -r 1s -f 1} (any JMH command-line options).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LocalPathBenchmark {

  private static final MethodId MIX = new MethodId("bench.Target", "mix", "(I)I");
  private static final MethodType CALL = MethodType.methodType(int.class, int.class);

  private static final MethodHandle DIRECT = direct(Opcodes.V17);
  private static final MethodHandle LOCAL_UNCOUNTED = rewritten(Opcodes.V17, RunHooks.MODE_LOCAL);
  private static final MethodHandle LOCAL_COUNTED =
      rewritten(Opcodes.V17, RunHooks.MODE_COUNTED_LOCAL);
  private static final MethodHandle LOCAL_TABLE_JAVA6 =
      rewritten(Opcodes.V1_6, RunHooks.MODE_LOCAL);

  private static final String FINE_GRAINED = "dev.farcall.examples.programs.finegrained.Main";
  private static final List<String> FINE_GRAINED_ARGS = List.of("2000000000", "2");

  private int x = 12345;

  @Benchmark
  public int directCall() throws Throwable {
    return (int) DIRECT.invokeExact(x++);
  }

  @Benchmark
  public int localUncounted() throws Throwable {
    return (int) LOCAL_UNCOUNTED.invokeExact(x++);
  }

  @Benchmark
  public int localCounted() throws Throwable {
    return (int) LOCAL_COUNTED.invokeExact(x++);
  }

  @Benchmark
  public int localThroughTableJava6() throws Throwable {
    return (int) LOCAL_TABLE_JAVA6.invokeExact(x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void wholeProgramPlain() throws Throwable {
    ProgramClassLoader loader =
        ProgramClassLoader.fromJar(
            examplesJar(), "bench-plain", LocalPathBenchmark.class.getClassLoader());
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      Class.forName(FINE_GRAINED, true, loader)
          .getMethod("main", String[].class)
          .invoke(null, (Object) FINE_GRAINED_ARGS.toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void wholeProgramRun() throws Throwable {
    MethodId mix = new MethodId(FINE_GRAINED, "mix", "(I)I");
    List<SitePlan> plan = List.of(new SitePlan(mix, Decision.LOCAL, "bench", 10, false));
    RunClassLoader loader =
        new RunClassLoader(examplesJar(), "bench", Farcall.class.getClassLoader(), List.of(mix));
    LongAdder[] counts = {new LongAdder()};
    loader.setHook("LOCAL_CALLS", counts);
    SiteModes modes = new SiteModes(1, table -> loader.setHook("MODES", table));
    loader.setHook("SITES", modes.callSites());
    loader.setHook(
        "DISPATCHER",
        new SiteDispatcher(
            new RunIdentity("bench", "bench", "0".repeat(64)),
            loader,
            plan,
            RemoteConnection.none(),
            new CallSettings(Duration.ofSeconds(1), Optional.empty()),
            new SiteDispatcher.SiteHooks(loader.hook("LOCAL"), modes, counts)));
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      Class.forName(FINE_GRAINED, true, loader)
          .getMethod("main", String[].class)
          .invoke(null, (Object) FINE_GRAINED_ARGS.toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
  }

  private static Path examplesJar() {
    return FarcallCluster.examplesJar();
  }

  private static MethodHandle direct(int version) {
    Path jar = targetJar(version);
    ProgramClassLoader loader =
        ProgramClassLoader.fromJar(jar, "bench-direct", LocalPathBenchmark.class.getClassLoader());
    return callHandle(loader);
  }

  /** {@code call} of a run's copy of the class, with {@code mix}'s site fixed at {@code mode}. */
  private static MethodHandle rewritten(int version, int mode) {
    Path jar = targetJar(version);
    RunClassLoader loader =
        new RunClassLoader(jar, "bench-" + mode, Farcall.class.getClassLoader(), List.of(MIX));
    SiteModes modes = new SiteModes(1, table -> loader.setHook("MODES", table));
    loader.setHook("SITES", modes.callSites());
    loader.setHook("LOCAL_CALLS", new LongAdder[] {new LongAdder()});
    modes.accept(new int[] {mode});
    return callHandle(loader);
  }

  private static MethodHandle callHandle(ClassLoader loader) {
    try {
      Class<?> target = Class.forName("bench.Target", true, loader);
      return MethodHandles.publicLookup().findStatic(target, "call", CALL);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A jar with {@code bench.Target}: {@code mix(int)} and {@code call(int) = mix(x)}. */
  private static Path targetJar(int version) {
    try {
      Path jar = Files.createTempFile("farcall-local-path-", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file)) {
        out.putNextEntry(new JarEntry("bench/Target.class"));
        out.write(targetClass(version));
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] targetClass(int version) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(
        version,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
        "bench/Target",
        null,
        "java/lang/Object",
        null);
    // static int mix(int x) { int h = x * 0x9E3779B1; return h ^ (h >>> 15); }
    MethodVisitor mix = cw.visitMethod(Opcodes.ACC_STATIC, "mix", "(I)I", null, null);
    mix.visitCode();
    mix.visitVarInsn(Opcodes.ILOAD, 0);
    mix.visitLdcInsn(0x9E3779B1);
    mix.visitInsn(Opcodes.IMUL);
    mix.visitVarInsn(Opcodes.ISTORE, 1);
    mix.visitVarInsn(Opcodes.ILOAD, 1);
    mix.visitVarInsn(Opcodes.ILOAD, 1);
    mix.visitIntInsn(Opcodes.BIPUSH, 15);
    mix.visitInsn(Opcodes.IUSHR);
    mix.visitInsn(Opcodes.IXOR);
    mix.visitInsn(Opcodes.IRETURN);
    mix.visitMaxs(0, 0);
    mix.visitEnd();
    // public static int call(int x) { return mix(x); }
    MethodVisitor call =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "call", "(I)I", null, null);
    call.visitCode();
    call.visitVarInsn(Opcodes.ILOAD, 0);
    call.visitMethodInsn(Opcodes.INVOKESTATIC, "bench/Target", "mix", "(I)I", false);
    call.visitInsn(Opcodes.IRETURN);
    call.visitMaxs(0, 0);
    call.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(LocalPathBenchmark.class.getName());
    }
    new Runner(options.build()).run();
  }
}
