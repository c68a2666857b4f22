package dev.farcall.driver.sites;

import static dev.farcall.driver.sites.Examples.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.model.MethodId;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.SiteStatistics;
import dev.farcall.model.wire.ThrownException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * How a rewritten call site learns its site's mode and what it counts: LOCAL sites the plan does
 * not count run uncounted (and the stats say so), others count every call, a decision change
 * reaches a loop the JIT has already compiled, and class files too old for {@code invokedynamic}
 * read the same modes from the run's table.
 */
class SiteModeTests {

  private static final MethodId MIX = method("finegrained", "mix", "(I)I");

  private static SitePlan local(MethodId m, boolean counted) {
    return new SitePlan(m, Decision.LOCAL, "test", 10, counted);
  }

  private static SiteStatistics onlySite(InProcessRun run) {
    assertThat(run.stats().getSites()).hasSize(1);
    return run.stats().getSites().get(0);
  }

  @Test
  void aLocalSiteThePlanDoesNotCountRunsUncountedAndItsStatsSaySo() throws Throwable {
    InProcessRun run = InProcessRun.of(Examples.JAR, List.of(local(MIX, false)), null);

    run.runMain(Examples.main("finegrained"), "100000");

    assertThat(onlySite(run).getLocalCalls()).isNull();
    assertThat(run.stats().getLocalCallsComplete()).isFalse();
  }

  @Test
  void aCountedLocalSiteCountsEveryCall() throws Throwable {
    InProcessRun run = InProcessRun.of(Examples.JAR, List.of(local(MIX, true)), null);

    run.runMain(Examples.main("finegrained"), "100000");

    assertThat(onlySite(run).getLocalCalls()).isEqualTo(100_000L);
    assertThat(run.stats().getLocalCalls()).isEqualTo(100_000L);
    assertThat(run.stats().getLocalCallsComplete()).isTrue();
  }

  @Test
  void aCountedSiteTimesTheSampleOfItsCallsItIsToldToAndStillCountsEveryOne() throws Throwable {
    InProcessRun run = InProcessRun.of(Examples.JAR, List.of(local(MIX, true)), null);
    java.util.concurrent.atomic.LongAdder nanos = new java.util.concurrent.atomic.LongAdder();
    java.util.concurrent.atomic.LongAdder timed = new java.util.concurrent.atomic.LongAdder();
    run.loader.setHook("TIMED_NANOS", new java.util.concurrent.atomic.LongAdder[] {nanos});
    run.loader.setHook("TIMED_CALLS", new java.util.concurrent.atomic.LongAdder[] {timed});
    run.loader.setHook("SAMPLE_EVERY", new int[] {100});

    run.runMain(Examples.main("finegrained"), "200000");

    assertThat(onlySite(run).getLocalCalls()).isEqualTo(200_000L);
    // one in 100 at random: 2,000 expected, far from 0 and from every call
    assertThat(timed.sum()).isBetween(1_000L, 4_000L);
    assertThat(nanos.sum()).isPositive();
  }

  @Test
  void aSiteSwitchedToRemoteLeavesALoopTheJitHasAlreadyCompiled() {
    AtomicInteger dispatched = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    InProcessRun run =
        InProcessRun.of(Examples.JAR, List.of(local(MIX, false)), stopping(dispatched, stop));
    CompletableFuture<Void> ended =
        run.startMain(Examples.main("finegrained"), Integer.toString(Integer.MAX_VALUE), "1000");
    try {
      // long enough for the loop to be hot and compiled with the LOCAL mode folded in
      await().pollDelay(Duration.ofMillis(300)).until(() -> true);
      assertThat(dispatched).hasValue(0);

      run.dispatcher.decide(MIX, Decision.REMOTE);

      await().atMost(Duration.ofSeconds(10)).until(() -> dispatched.get() > 0);
    } finally {
      stop.set(true); // the next remote call throws, which ends the program
    }
    assertThatThrownBy(() -> ended.get(10, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class);
    // the dispatches before the stop failed and ran at home: those calls are counted
    assertThat(onlySite(run).getFallbacks()).isPositive();
  }

  @Test
  void aClassFileOlderThanJava7ReadsItsModesFromTheRunsTable(@TempDir Path dir) throws Throwable {
    Path jar = dir.resolve("old.jar");
    writeJar(jar, "old/Main", java6Main());
    MethodId twice = new MethodId("old.Main", "twice", "(I)I");
    AtomicInteger dispatched = new AtomicInteger();

    InProcessRun remote =
        InProcessRun.of(
            jar,
            List.of(new SitePlan(twice, Decision.REMOTE, "test", 10, false)),
            stopping(dispatched, new AtomicBoolean()));
    remote.runMain("old.Main");
    InProcessRun counted = InProcessRun.of(jar, List.of(local(twice, true)), null);
    counted.runMain("old.Main");

    // the REMOTE mode reached the old class: every call went to the dispatcher (and came home)
    assertThat(dispatched).hasValue(10);
    assertThat(onlySite(remote).getFallbacks()).isEqualTo(10);
    assertThat(counted.stats().getLocalCalls()).isEqualTo(10L);
  }

  /**
   * An invoker whose calls fail at once (so they run at home), counting them; once {@code stop} is
   * set, every call answers with a remote {@code IllegalStateException}, which the program then
   * throws.
   */
  private static RemoteInvoker stopping(AtomicInteger calls, AtomicBoolean stop) {
    return new RemoteInvoker() {
      @Override
      public CompletableFuture<InvocationOutcome> invoke(RemoteCall call) {
        calls.incrementAndGet();
        if (!stop.get()) {
          return CompletableFuture.failedFuture(new IllegalStateException("no workers here"));
        }
        InvocationResult thrown =
            InvocationResult.newBuilder()
                .setInvocationId("stop")
                .setWorkerId("test")
                .setOutcome(
                    ThrownException.newBuilder()
                        .setClassName("java.lang.IllegalStateException")
                        .setMessage("the test is over")
                        .build())
                .build();
        return CompletableFuture.completedFuture(new InvocationOutcome("stop", thrown, 1, 1));
      }

      @Override
      public List<CompletableFuture<InvocationOutcome>> invokeBatch(RemoteCall call) {
        return List.of(invoke(call));
      }
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
