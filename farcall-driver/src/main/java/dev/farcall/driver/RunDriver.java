package dev.farcall.driver;

import dev.farcall.api.Farcall;
import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationProducers;
import dev.farcall.driver.adaptive.AdaptiveLoop;
import dev.farcall.driver.adaptive.PolicyChoice;
import dev.farcall.driver.cluster.ClusterConnection;
import dev.farcall.driver.cluster.LazyConnection;
import dev.farcall.driver.objects.ObjectStatuses;
import dev.farcall.driver.objects.RunObjects;
import dev.farcall.driver.report.RemoteCallLog;
import dev.farcall.driver.report.RunReporter;
import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.driver.sites.CallSettings;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.driver.sites.SiteDispatcher;
import dev.farcall.driver.sites.SiteHooks;
import dev.farcall.driver.sites.SitePlan;
import dev.farcall.driver.sites.StackTraces;
import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.heuristics.analysis.AnalysisOptions;
import dev.farcall.heuristics.analysis.JarAnalyzer;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.RunSpec;
import dev.farcall.model.wire.RunStatistics;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunDriver.class);

  /** How long the JVM's end waits for the closes of the run's remote objects to be sent. */
  private static final Duration OBJECT_CLOSE_WAIT = Duration.ofSeconds(1);

  private final RunSpec spec;
  private final RunClassLoader loader;
  private final Method main;
  private final RemoteConnection connection;
  private final RunReporter reporter;
  private final CompletableFuture<Producer<String, byte[]>> producer;
  private final Optional<AdaptiveLoop> adaptive;

  private RunDriver(
      RunSpec spec,
      RunClassLoader loader,
      Method main,
      RemoteConnection connection,
      RunReporter reporter,
      CompletableFuture<Producer<String, byte[]>> producer,
      Optional<AdaptiveLoop> adaptive) {
    this.spec = spec;
    this.loader = loader;
    this.main = main;
    this.connection = connection;
    this.reporter = reporter;
    this.producer = producer;
    this.adaptive = adaptive;
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
    SiteHooks hooks = SiteHooks.install(loader, plan.size());
    // Without dispatchable sites the run opens its connection only if it makes a remote object.
    RemoteConnection connection =
        plan.isEmpty()
            ? new LazyConnection(() -> ClusterConnection.open(spec, producer))
            : ClusterConnection.open(spec, producer);
    SiteDispatcher dispatcher =
        new SiteDispatcher(
            new RunIdentity(spec.getRunId(), spec.getProgramId(), spec.getJarSha256()),
            loader,
            plan,
            connection,
            new CallSettings(
                Duration.ofMillis(spec.getDispatch().getCallTimeoutMillis()),
                Optional.ofNullable(spec.getDeadlineEpochMillis()).map(Deadline::new)),
            hooks);
    loader.setHook("DISPATCHER", dispatcher);
    dispatcher.objects(
        new RunObjects(
            new RunIdentity(spec.getRunId(), spec.getProgramId(), spec.getJarSha256()),
            loader,
            () -> new JarAnalyzer().analyze(jar, AnalysisOptions.defaults()),
            connection::objects));
    AsyncDispatchers.register(loader, dispatcher);
    AtomicReference<AdaptiveLoop> loop = new AtomicReference<>();
    RunReporter reporter =
        new RunReporter(
            spec.getRunId(),
            new Topics(spec.getKafka().getTopicPrefix()).runEvents(),
            producer,
            () -> {
              RunStatistics stats = withPolicy(dispatcher.statistics(), loop.get());
              stats.setObjects(ObjectStatuses.of(connection));
              return stats;
            },
            Path.of(spec.getDriverLog()).resolveSibling(dev.farcall.model.wire.RunEventsFile.NAME));
    RemoteCallLog calls =
        new RemoteCallLog(
            site -> plan.get(site).method().toWire(),
            RemoteCallLog.DEFAULT_PER_REPORT,
            RemoteCallLog.DEFAULT_PER_RUN);
    dispatcher.recordCallsTo(calls);
    reporter.reportCallsOf(calls);
    Optional<AdaptiveLoop> adaptive = adaptiveLoop(spec, dispatcher, connection, reporter);
    adaptive.ifPresent(loop::set);
    return new RunDriver(spec, loader, main, connection, reporter, producer, adaptive);
  }

  /** The adaptive policy's loop, when the spec names a policy and the run has sites. */
  private static Optional<AdaptiveLoop> adaptiveLoop(
      RunSpec spec, SiteDispatcher sites, RemoteConnection connection, RunReporter reporter) {
    if (spec.getPolicy() == null || sites.siteCount() == 0) {
      return Optional.empty();
    }
    PolicyChoice choice;
    try {
      choice = PolicyChoice.of(spec.getPolicy());
    } catch (RuntimeException e) {
      throw new DriverFailure("the run's adaptive policy cannot be used: " + e.getMessage(), e);
    }
    Supplier<Optional<ClusterCapacity>> cluster =
        connection instanceof ClusterConnection c
            ? c::capacity
            : () -> Optional.of(ClusterCapacity.NONE);
    return Optional.of(
        new AdaptiveLoop(
            sites,
            cluster,
            choice.policy(),
            choice.tunables(),
            reporter::decisions,
            POLICY_PERIOD));
  }

  /** The adaptive policy decides a round this often. */
  private static final Duration POLICY_PERIOD = Duration.ofMillis(100);

  private static RunStatistics withPolicy(RunStatistics stats, AdaptiveLoop loop) {
    if (loop != null) {
      stats.setPolicyCpuNanos(loop.cpuNanos());
      stats.setPolicyRounds(loop.rounds());
      stats.setPolicyMemoryBytes(loop.memoryBytes());
    }
    return stats;
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
    adaptive.ifPresent(AdaptiveLoop::start);
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
    long start = System.nanoTime();
    adaptive.ifPresent(AdaptiveLoop::stopAtExit);
    long policy = System.nanoTime();
    reporter.close();
    long reported = System.nanoTime();
    boolean objectsToClose = connection.openObjects().map(o -> !o.all().isEmpty()).orElse(false);
    if (connection instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // ending anyway
      }
    }
    long disconnected = System.nanoTime();
    if (objectsToClose && producer.isDone() && !producer.isCompletedExceptionally()) {
      // The last events are in their file: only the closes of remote objects (which end with the
      // run) need the producer's close to send them. Otherwise the JVM's end drops it: its close,
      // even without waiting for sends, took 0.15-0.3 s on a loaded machine.
      producer.join().close(OBJECT_CLOSE_WAIT);
    }
    // what the JVM's end waits for, in the driver's log at debug level
    log.debug(
        "shut down in {} ms: policy {}, last events {}, connection {}, producer {}",
        (System.nanoTime() - start) / 1_000_000,
        (policy - start) / 1_000_000,
        (reported - policy) / 1_000_000,
        (disconnected - reported) / 1_000_000,
        (System.nanoTime() - disconnected) / 1_000_000);
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
