package dev.farcall.driver;

import dev.farcall.api.Farcall;
import dev.farcall.dispatch.InvocationProducers;
import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.driver.sites.CallSettings;
import dev.farcall.driver.sites.Decision;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.driver.sites.SiteDispatcher;
import dev.farcall.driver.sites.SiteHooks;
import dev.farcall.driver.sites.SitePlan;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.wire.RunSpec;
import dev.farcall.model.wire.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A training run for the driver's class-data-sharing archive: goes through what a real run loads
 * (the spec's decoding, the rewriting class loader on a generated program with a remote site, the
 * codec, the site dispatcher, the Kafka clients, the HTTP client) without any network, so that
 * {@code -XX:ArchiveClassesAtExit} records those classes and later drivers start faster.
 */
final class CdsTraining {

  private static final String JOB = "farcall/training/Job";

  private CdsTraining() {}

  static void run() throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    WireFormat.RUN_SPECS.decode(WireFormat.RUN_SPECS.encode(sampleSpec()));
    Path dir = Files.createTempDirectory("farcall-cds-");
    try {
      runGeneratedProgram(dir.resolve("training.jar"));
      touchJarDownload(dir);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    touchKafkaClients();
  }

  /** The jar download's HTTP classes, through a connection loopback refuses: no network used. */
  private static void touchJarDownload(Path dir) {
    try {
      JarDownload.fetch("http://127.0.0.1:1/training.jar", "training", "", dir.resolve("x.jar"));
    } catch (DriverFailure refused) {
      // expected: nothing listens on port 1
    }
  }

  private static void runGeneratedProgram(Path jar) throws Exception {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry(JOB + ".class"));
      j.write(jobClass());
      j.closeEntry();
    }
    MethodId work = new MethodId(JOB.replace('/', '.'), "work", "(I)I");
    List<SitePlan> plan = List.of(new SitePlan(work, Decision.REMOTE, "training", 1e6, true));
    RunClassLoader loader =
        new RunClassLoader(jar, "training", Farcall.class.getClassLoader(), List.of(work));
    SiteHooks hooks = SiteHooks.install(loader, 1);
    SiteDispatcher dispatcher =
        new SiteDispatcher(
            new RunIdentity("training", "training", "0"),
            loader,
            plan,
            RemoteConnection.none(),
            new CallSettings(Duration.ofMillis(1), Optional.empty()),
            hooks);
    loader.setHook("DISPATCHER", dispatcher);
    Class<?> job = Class.forName(JOB.replace('/', '.'), true, loader);
    Method main = job.getMethod("main", String[].class);
    main.invoke(null, (Object) new String[0]);
    dispatcher.decide(work, Decision.LOCAL);
    main.invoke(null, (Object) new String[0]);
    new ArgumentCodec(loader)
        .forMethod(job.getDeclaredMethod("work", int.class))
        .encodeArguments(new Object[] {1});
    dispatcher.statistics();
  }

  /** {@code static int work(int x) { return x + 1; }} and a main that calls it. */
  private static byte[] jobClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, JOB, null, "java/lang/Object", null);
    MethodVisitor work =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "work", "(I)I", null, null);
    work.visitCode();
    work.visitVarInsn(Opcodes.ILOAD, 0);
    work.visitInsn(Opcodes.ICONST_1);
    work.visitInsn(Opcodes.IADD);
    work.visitInsn(Opcodes.IRETURN);
    work.visitMaxs(0, 0);
    work.visitEnd();
    MethodVisitor main =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    main.visitInsn(Opcodes.ICONST_2);
    main.visitMethodInsn(Opcodes.INVOKESTATIC, JOB, "work", "(I)I", false);
    main.visitInsn(Opcodes.POP);
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void touchKafkaClients() throws IOException {
    String nowhere = "127.0.0.1:9";
    new KafkaProducer<>(InvocationProducers.config(nowhere, "training", "all", Duration.ZERO))
        .close(Duration.ZERO);
    Properties consumer = new Properties();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere);
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    new KafkaConsumer<String, byte[]>(consumer).close(Duration.ZERO);
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere);
    Admin.create(admin).close(Duration.ZERO);
  }

  private static RunSpec sampleSpec() {
    return RunSpec.newBuilder()
        .setRunId("training")
        .setProgramId("training")
        .setJarSha256("0")
        .setJarUrl("http://127.0.0.1:9/")
        .setRunToken("-")
        .setMainClass("Main")
        .setArgs(List.of())
        .setSites(List.of())
        .setKafka(
            dev.farcall.model.wire.DriverKafka.newBuilder()
                .setBootstrapServers("127.0.0.1:9")
                .setTopicPrefix("farcall.")
                .setReplyTopic("farcall.replies.run.training")
                .build())
        .setDispatch(
            dev.farcall.model.wire.DriverDispatch.newBuilder()
                .setCallTimeoutMillis(1)
                .setMaxAttempts(1)
                .setAttemptTimeoutMillis(1)
                .setSweepIntervalMillis(1)
                .setMaxPending(1)
                .setSuspectAfterIntervals(1)
                .setDeadAfterIntervals(1)
                .setRegistryCheckIntervalMillis(1)
                .build())
        .setStatsIntervalMillis(1)
        .setDriverLog("driver.log")
        .setJarPath("program.jar")
        .build();
  }
}
