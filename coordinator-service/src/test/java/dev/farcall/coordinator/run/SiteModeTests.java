package dev.farcall.coordinator.run;

import static dev.farcall.coordinator.run.Examples.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.program.ProgramRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How a rewritten call site learns its site's mode and what it counts: LOCAL sites with a tiny
 * estimated work run uncounted (and the stats say so), others count every call, a decision change
 * reaches a loop the JIT has already compiled, and class files too old for {@code invokedynamic}
 * read the same modes from the run's table.
 */
class SiteModeTests {

  private static final MethodKey MIX = method("finegrained", "mix", "(I)I");

  @Test
  void aLocalSiteWhoseEstimatedWorkIsTinyRunsUncountedAndItsStatsSaySo() {
    Examples.PlainRun plain = Examples.runPlain(Examples.main("finegrained"), List.of("100000"));
    RunPlan plan = new RunPlan(List.of(new RunPlan.PlannedMethod(MIX, Decision.LOCAL, "tiny", 10)));

    Runs.Finished run =
        Runs.run(Examples.main("finegrained"), List.of("100000"), plan, failingInvoker(null));

    assertThat(run.outcome().status()).isEqualTo(ProgramRun.Status.SUCCEEDED);
    assertThat(run.stdout()).isEqualTo(plain.stdout());
    assertThat(run.stats().sites())
        .singleElement()
        .satisfies(s -> assertThat(s.localCalls()).isNull());
    assertThat(run.stats().localCallsComplete()).isFalse();
  }

  @Test
  void aLocalSiteWithoutAnEstimateCountsEveryCall() {
    RunPlan plan = new RunPlan(List.of(new RunPlan.PlannedMethod(MIX, Decision.LOCAL, "test")));

    Runs.Finished run =
        Runs.run(Examples.main("finegrained"), List.of("100000"), plan, failingInvoker(null));

    assertThat(run.stats().sites())
        .singleElement()
        .satisfies(s -> assertThat(s.localCalls()).isEqualTo(100_000L));
    assertThat(run.stats().localCalls()).isEqualTo(100_000L);
    assertThat(run.stats().localCallsComplete()).isTrue();
  }

  @Test
  void countingCanBeTurnedOnForEverySite() {
    RunPlan plan = new RunPlan(List.of(new RunPlan.PlannedMethod(MIX, Decision.LOCAL, "tiny", 10)));

    Runs.Finished run =
        Runs.run(
            Examples.main("finegrained"),
            List.of("1000"),
            plan,
            failingInvoker(null),
            RunSettings.defaults().withLocalCallsCounted(true));

    assertThat(run.stats().localCalls()).isEqualTo(1_000L);
  }

  @Test
  void aSiteSwitchedToRemoteLeavesALoopTheJitHasAlreadyCompiled() {
    // without safepoint polls in counted loops the switch would wait for the loop's end
    assertThat(RunConfiguration.countedLoopSafepoints()).contains(true);
    AtomicInteger dispatched = new AtomicInteger();
    RunPlan plan = new RunPlan(List.of(new RunPlan.PlannedMethod(MIX, Decision.LOCAL, "tiny", 10)));
    ProgramRun run =
        Runs.prepare(
            Examples.main("finegrained"),
            List.of(Integer.toString(Integer.MAX_VALUE), "1000"),
            plan,
            failingInvoker(dispatched),
            RunSettings.defaults());
    CompletableFuture<ProgramRun.Outcome> ended = CompletableFuture.supplyAsync(run::execute);
    try {
      // long enough for the loop to be hot and compiled with the LOCAL mode folded in
      await().pollDelay(Duration.ofMillis(300)).until(() -> true);
      assertThat(dispatched).hasValue(0);

      run.decide(MIX, Decision.REMOTE);

      await().atMost(Duration.ofSeconds(10)).until(() -> dispatched.get() > 0);
    } finally {
      run.cancel("test over");
    }
    assertThat(ended.orTimeout(10, TimeUnit.SECONDS).join().status())
        .isEqualTo(ProgramRun.Status.CANCELLED);
    // every dispatch failed and ran at home: those calls are counted, the earlier ones were not
    assertThat(run.stats().sites().get(0).fallbacks()).isPositive();
    assertThat(run.stats().sites().get(0).localCalls()).isNull();
  }

  @Test
  void aClassFileOlderThanJava7ReadsItsModesFromTheRunsTable(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("old.jar");
    writeJar(jar, "old/Main", java6Main());
    ProgramRef program = new ProgramRef("old", "old", "0".repeat(64), jar);
    MethodKey twice = new MethodKey("old.Main", "twice", "(I)I");
    AtomicInteger dispatched = new AtomicInteger();

    ProgramRun remote =
        ProgramRun.prepare(
            "t-old-remote",
            program,
            "old.Main",
            List.of(),
            Runs.remote(twice),
            failingInvoker(dispatched),
            RunSettings.defaults(),
            null);
    ProgramRun.Outcome outcome = remote.execute();
    ProgramRun counted =
        ProgramRun.prepare(
            "t-old-local",
            program,
            "old.Main",
            List.of(),
            new RunPlan(List.of(new RunPlan.PlannedMethod(twice, Decision.LOCAL, "test"))),
            failingInvoker(null),
            RunSettings.defaults(),
            null);
    counted.execute();

    assertThat(outcome.status()).isEqualTo(ProgramRun.Status.SUCCEEDED);
    assertThat(remote.output().stdout()).isEqualTo("90\n");
    // the REMOTE mode reached the old class: every call went to the dispatcher (and came home)
    assertThat(dispatched).hasValue(10);
    assertThat(counted.output().stdout()).isEqualTo("90\n");
    assertThat(counted.stats().localCalls()).isEqualTo(10L);
  }

  /** An invoker whose every call fails at once (so the call runs at home), counting the calls. */
  private static RemoteInvoker failingInvoker(AtomicInteger calls) {
    return call -> {
      if (calls != null) {
        calls.incrementAndGet();
      }
      return CompletableFuture.failedFuture(new IllegalStateException("no workers in this test"));
    };
  }

  /**
   * A Java 6 class file (no {@code invokedynamic} allowed): {@code static int twice(int x)} and a
   * {@code main} printing the sum of {@code twice(i)} for i = 0..9.
   */
  private static byte[] java6Main() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(
        Opcodes.V1_6,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
        "old/Main",
        null,
        "java/lang/Object",
        null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor twice = cw.visitMethod(Opcodes.ACC_STATIC, "twice", "(I)I", null, null);
    twice.visitCode();
    twice.visitVarInsn(Opcodes.ILOAD, 0);
    twice.visitInsn(Opcodes.ICONST_2);
    twice.visitInsn(Opcodes.IMUL);
    twice.visitInsn(Opcodes.IRETURN);
    twice.visitMaxs(0, 0);
    twice.visitEnd();
    MethodVisitor main =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    main.visitInsn(Opcodes.ICONST_0);
    main.visitVarInsn(Opcodes.ISTORE, 1); // sum
    main.visitInsn(Opcodes.ICONST_0);
    main.visitVarInsn(Opcodes.ISTORE, 2); // i
    Label loop = new Label();
    Label done = new Label();
    main.visitLabel(loop);
    main.visitVarInsn(Opcodes.ILOAD, 2);
    main.visitIntInsn(Opcodes.BIPUSH, 10);
    main.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    main.visitVarInsn(Opcodes.ILOAD, 1);
    main.visitVarInsn(Opcodes.ILOAD, 2);
    main.visitMethodInsn(Opcodes.INVOKESTATIC, "old/Main", "twice", "(I)I", false);
    main.visitInsn(Opcodes.IADD);
    main.visitVarInsn(Opcodes.ISTORE, 1);
    main.visitIincInsn(2, 1);
    main.visitJumpInsn(Opcodes.GOTO, loop);
    main.visitLabel(done);
    main.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
    main.visitVarInsn(Opcodes.ILOAD, 1);
    main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(I)V", false);
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void writeJar(Path jar, String internalName, byte[] classFile) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(internalName + ".class"));
      out.write(classFile);
      out.closeEntry();
    }
  }
}
