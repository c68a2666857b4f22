package dev.farcall.driver;

import dev.farcall.api.Farcall;
import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationProducers;
import dev.farcall.driver.cluster.ClusterConnection;
import dev.farcall.driver.report.RunReporter;
import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.driver.rewrite.SiteModes;
import dev.farcall.driver.sites.CallSettings;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.driver.sites.SiteDispatcher;
import dev.farcall.driver.sites.SitePlan;
import dev.farcall.driver.sites.StackTraces;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.RunSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One run in this JVM: the program's classes from the rewriting class loader, its dispatchable call
 * sites bound to a {@link SiteDispatcher}, the run's own connection to the workers and its
 * reporter, and then the program's {@code main} on this JVM's real main thread. The program owns
 * the JVM from there: its output is the process's, {@code System.exit} ends the process, and the
 * JVM ends when its last non-daemon thread does.
 */
final class RunDriver {

  private final RunSpec spec;
  private final RunClassLoader loader;
  private final Method main;
  private final SiteDispatcher dispatcher;
  private final RemoteConnection connection;
  private final RunReporter reporter;
  private final CompletableFuture<Producer<String, byte[]>> producer;

  private RunDriver(
      RunSpec spec,
      RunClassLoader loader,
      Method main,
      SiteDispatcher dispatcher,
      RemoteConnection connection,
      RunReporter reporter,
      CompletableFuture<Producer<String, byte[]>> producer) {
    this.spec = spec;
    this.loader = loader;
    this.main = main;
    this.dispatcher = dispatcher;
    this.connection = connection;
    this.reporter = reporter;
    this.producer = producer;
  }

  /** Downloads the jar, defines the loader, finds main and opens Kafka in the background. */
  static RunDriver prepare(RunSpec spec) {
    CompletableFuture<Producer<String, byte[]>> producer = openProducer(spec);
    Path jar = Path.of(spec.getJarPath());
    JarDownload.fetch(spec.getJarUrl(), spec.getRunToken(), spec.getJarSha256(), jar);
    List<SitePlan> plan = spec.getSites().stream().map(SitePlan::of).toList();
    RunClassLoader loader =
        new RunClassLoader(
            jar, spec.getRunId(), Farcall.class.getClassLoader(), SitePlan.methods(plan));
    Method main = findMain(loader, spec.getMainClass());
    LongAdder[] localCalls = new LongAdder[plan.size()];
    for (int i = 0; i < localCalls.length; i++) {
      localCalls[i] = new LongAdder();
    }
    loader.setHook("LOCAL_CALLS", localCalls);
    SiteModes modes = new SiteModes(plan.size(), table -> loader.setHook("MODES", table));
    loader.setHook("SITES", modes.callSites());
    RemoteConnection connection =
        plan.isEmpty() ? RemoteConnection.none() : ClusterConnection.open(spec, producer);
    SiteDispatcher dispatcher =
        new SiteDispatcher(
            new RunIdentity(spec.getRunId(), spec.getProgramId(), spec.getJarSha256()),
            loader,
            plan,
            connection,
            new CallSettings(
                Duration.ofMillis(spec.getDispatch().getCallTimeoutMillis()),
                Optional.ofNullable(spec.getDeadlineEpochMillis()).map(Deadline::new)),
            new SiteDispatcher.SiteHooks(loader.hook("LOCAL"), modes, localCalls));
    loader.setHook("DISPATCHER", dispatcher);
    AsyncDispatchers.register(loader, dispatcher);
    RunReporter reporter =
        new RunReporter(
            spec.getRunId(),
            new Topics(spec.getKafka().getTopicPrefix()).runEvents(),
            producer,
            dispatcher::statistics);
    return new RunDriver(spec, loader, main, dispatcher, connection, reporter, producer);
  }

  private static CompletableFuture<Producer<String, byte[]>> openProducer(RunSpec spec) {
    CompletableFuture<Producer<String, byte[]>> producer = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                producer.complete(
                    new KafkaProducer<>(
                        InvocationProducers.config(
                            spec.getKafka().getBootstrapServers(),
                            "farcall-driver-" + spec.getRunId(),
                            spec.getKafka().getAcks(),
                            Duration.ZERO)));
              } catch (RuntimeException | LinkageError e) {
                producer.completeExceptionally(e);
              }
            },
            "farcall-driver-producer");
    t.setDaemon(true);
    t.start();
    return producer;
  }

  private static Method findMain(ClassLoader loader, String name) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new DriverFailure("Main class " + name + " is not in the program", e);
    }
    Method m;
    try {
      m = type.getMethod("main", String[].class);
    } catch (NoSuchMethodException | LinkageError e) {
      m = null;
    }
    if (m == null || !Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) {
      throw new DriverFailure("Class " + name + " has no public static void main(String[])");
    }
    m.setAccessible(true);
    return m;
  }

  /**
   * Runs {@code main} on the calling thread (the JVM's main thread). An exception of the program's
   * {@code main} is rethrown with the driver's frames gone, so the JVM prints it and exits with
   * status 1 exactly as under plain {@code java}.
   */
  void run() throws Throwable {
    reporter.start(Duration.ofMillis(spec.getStatsIntervalMillis()));
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "farcall-driver-shutdown"));
    Thread.currentThread().setContextClassLoader(loader);
    MethodHandle entry = MethodHandles.lookup().unreflect(main);
    String[] argv = spec.getArgs().toArray(String[]::new);
    try {
      entry.invokeExact(argv);
    } catch (Throwable t) {
      reporter.mainEnded(t);
      trimBelowMain(t, main.getDeclaringClass().getName(), identitySet());
      StackTraces.asUnderPlainJava(t);
      throw t;
    }
    reporter.mainEnded(null);
  }

  /** At the JVM's end, whatever ended it: the final stats, then the connection. */
  private void shutDown() {
    reporter.close();
    if (connection instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // ending anyway
      }
    }
    Producer<String, byte[]> p = producer.getNow(null);
    if (p != null) {
      p.close(Duration.ofSeconds(1));
    }
  }

  private static Set<Throwable> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * Makes an uncaught exception of {@code main} read as under plain {@code java}: the frames below
   * {@code main} (the driver's) go, in the exception and in its causes and suppressed ones.
   */
  private static void trimBelowMain(Throwable t, String mainOwner, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    StackTraceElement[] frames = t.getStackTrace();
    int last = -1;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().equals(mainOwner) && frames[i].getMethodName().equals("main")) {
        last = i;
      }
    }
    if (last >= 0 && last < frames.length - 1) {
      t.setStackTrace(Arrays.copyOf(frames, last + 1));
    }
    trimBelowMain(t.getCause(), mainOwner, seen);
    for (Throwable s : t.getSuppressed()) {
      trimBelowMain(s, mainOwner, seen);
    }
  }
}
