package dev.farcall.coordinator.run;

import dev.farcall.api.Farcall;
import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.coordinator.program.ProgramRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * One execution of a program's {@code main}: the run driver proper. {@link #prepare} creates the
 * run's rewriting class loader and checks the main class; {@link #execute} runs {@code main} on a
 * thread named {@code main} in the run's own thread group and returns when the run ends the way a
 * JVM would end: when {@code main} has returned and the run's non-daemon threads have finished, or
 * at {@code System.exit}, or when cancelled or past its deadline. Then the run's shutdown hooks
 * run, its output is closed, its remaining threads are interrupted (and, after a grace period,
 * stopped), and every reference to its class loader is dropped, so its classes and statics are
 * collected.
 *
 * <p>Not reusable: one instance per run.
 */
public final class ProgramRun {

  /** How a run ended. */
  public enum Status {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  /**
   * The end of a run.
   *
   * @param exitCode the status the program exited with; {@code null} when cancelled
   * @param error why the run failed or was cancelled, when not simply a non-zero exit
   */
  public record Outcome(Status status, Integer exitCode, String error) {}

  private static final AtomicInteger ASYNC_THREADS = new AtomicInteger();

  private final String id;
  private final ProgramRef program;
  private final List<String> args;
  private final RunPlan plan;
  private final RemoteInvoker invoker;
  private final RunSettings settings;
  private final Instant deadline;
  private final RunOutput output;
  private final RunControl control = new RunControl();
  private final String mainClassName;
  private final List<Thread> shutdownHooks = Collections.synchronizedList(new ArrayList<>());

  // dropped when the run ends, so that nothing keeps the run's classes alive
  private volatile RunClassLoader loader;
  private volatile Method main;
  private volatile Dispatcher dispatcher;
  private volatile RunStats finalStats = RunStats.empty();
  private volatile boolean mainThrew;
  private final java.lang.ref.WeakReference<ClassLoader> loaderRef;

  private ProgramRun(
      String id,
      ProgramRef program,
      String mainClassName,
      List<String> args,
      RunPlan plan,
      RemoteInvoker invoker,
      RunSettings settings,
      Instant deadline,
      RunClassLoader loader,
      Method main) {
    this.id = id;
    this.program = program;
    this.mainClassName = mainClassName;
    this.args = List.copyOf(args);
    this.plan = plan;
    this.invoker = invoker;
    this.settings = settings;
    this.deadline = deadline;
    this.loader = loader;
    this.loaderRef = new java.lang.ref.WeakReference<>(loader);
    this.main = main;
    this.output = new RunOutput(settings.outputCapBytes());
  }

  /**
   * Creates the run's class loader and finds {@code main}.
   *
   * @param mainClass binary name of the main class, or {@code null} for the jar's {@code
   *     Main-Class}
   * @param deadline when the run is cancelled if still going, or {@code null}
   * @throws InvalidMainClassException when there is no such class or it has no {@code public static
   *     void main(String[])}
   */
  public static ProgramRun prepare(
      String id,
      ProgramRef program,
      String mainClass,
      List<String> args,
      RunPlan plan,
      RemoteInvoker invoker,
      RunSettings settings,
      Instant deadline) {
    String name =
        Optional.ofNullable(mainClass)
            .filter(s -> !s.isBlank())
            .or(() -> manifestMainClass(program))
            .orElseThrow(
                () ->
                    new InvalidMainClassException(
                        program.id(),
                        null,
                        "No mainClass was given and the jar's manifest names no Main-Class"));
    List<MethodKey> sites = plan.methods().stream().map(RunPlan.PlannedMethod::method).toList();
    RunClassLoader loader =
        new RunClassLoader(program.jarFile(), id, Farcall.class.getClassLoader(), sites);
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvalidMainClassException(
          program.id(), name, "Main class " + name + " is not in the program");
    }
    Method main;
    try {
      main = type.getMethod("main", String[].class);
    } catch (NoSuchMethodException | LinkageError e) {
      main = null;
    }
    if (main == null
        || !Modifier.isStatic(main.getModifiers())
        || main.getReturnType() != void.class) {
      throw new InvalidMainClassException(
          program.id(), name, "Class " + name + " has no public static void main(String[])");
    }
    main.setAccessible(true);
    return new ProgramRun(id, program, name, args, plan, invoker, settings, deadline, loader, main);
  }

  private static Optional<String> manifestMainClass(ProgramRef program) {
    try (JarFile jar = new JarFile(program.jarFile().toFile())) {
      return Optional.ofNullable(jar.getManifest())
          .map(m -> m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
          .map(String::trim)
          .filter(s -> !s.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The run's id. */
  public String id() {
    return id;
  }

  /** The main class actually run. */
  public String mainClass() {
    return mainClassName;
  }

  /** The run's class loader while something still holds it (leak checks). */
  java.lang.ref.WeakReference<ClassLoader> loaderReference() {
    return loaderRef;
  }

  /** The run's output, readable while it runs. */
  public RunOutput output() {
    return output;
  }

  /** The profile of the run's sites: live while it runs, final afterwards. */
  public RunStats stats() {
    Dispatcher d = dispatcher;
    return d != null ? d.stats() : finalStats;
  }

  /**
   * Asks the run to stop: new dispatches fail, pending remote calls fail, its threads are
   * interrupted. {@link #execute} then returns CANCELLED promptly, even if a thread ignores the
   * interrupt (such a thread is stopped after the grace period).
   */
  public void cancel(String reason) {
    control.cancel(reason);
  }

  /** Changes where a dispatchable method runs, effective for the next call. */
  public void decide(MethodKey method, Decision decision) {
    Dispatcher d = dispatcher;
    if (d != null) {
      d.decide(method, decision);
    }
  }

  /**
   * Runs the program to its end on a new thread group and returns how it ended. Blocks the calling
   * thread.
   */
  public Outcome execute() {
    RunClassLoader runLoader = loader;
    if (runLoader == null) {
      throw new IllegalStateException("run " + id + " was already executed");
    }
    RunThreadGroup group = new RunThreadGroup("farcall-run-" + id, output.err());
    ExecutorService async =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(group, r, "farcall-async-" + ASYNC_THREADS.incrementAndGet());
              t.setDaemon(true);
              t.setContextClassLoader(runLoader);
              return t;
            });
    Class<?> hooks = runLoader.hooksClass();
    LongAdder[] localCalls = new LongAdder[plan.methods().size()];
    for (int i = 0; i < localCalls.length; i++) {
      localCalls[i] = new LongAdder();
    }
    setHook(hooks, "OUT", output.out());
    setHook(hooks, "ERR", output.err());
    setHook(hooks, "IN", new ByteArrayInputStream(new byte[0]));
    setHook(hooks, "LOCAL_CALLS", localCalls);
    SiteModes modes = new SiteModes(localCalls.length, table -> setHook(hooks, "MODES", table));
    setHook(hooks, "SITES", modes.callSites());
    // as at a JVM's exit, nothing the program prints after System.exit appears
    setHook(
        hooks,
        "EXIT",
        (IntConsumer)
            status -> {
              control.recordExit(status);
              output.close();
              control.checkActive();
            });
    setHook(hooks, "ADD_SHUTDOWN_HOOK", (Consumer<Thread>) shutdownHooks::add);
    setHook(hooks, "REMOVE_SHUTDOWN_HOOK", (Predicate<Thread>) shutdownHooks::remove);
    Dispatcher d =
        new Dispatcher(
            id,
            program.id(),
            program.sha256(),
            runLoader,
            plan,
            invoker,
            control,
            settings.callTimeout(),
            deadline,
            getHook(hooks, "LOCAL"),
            modes,
            localCalls,
            settings::countsLocalCalls,
            async);
    dispatcher = d;
    setHook(hooks, "DISPATCHER", d);
    group.hooks = hooks;
    AsyncDispatchers.register(runLoader, d);
    Outcome outcome;
    try {
      MethodHandle entry = MethodHandles.lookup().unreflect(main);
      String[] argv = args.toArray(String[]::new);
      String mainOwner = main.getDeclaringClass().getName();
      Thread mainThread = new Thread(group, () -> runMain(entry, argv, mainOwner), "main");
      mainThread.setContextClassLoader(runLoader);
      mainThread.start();
      outcome = awaitEnd(mainThread, group);
      if (!(control.stopSignal() instanceof RunAbort.Cancelled)) {
        runShutdownHooks();
      }
    } catch (IllegalAccessException e) {
      outcome = new Outcome(Status.FAILED, 1, "cannot call main: " + e.getMessage());
    } finally {
      finalStats = d.stats();
      output.close();
      control.cancel("run ended"); // fails whatever is still pending, stops further dispatches
      stopThreads(group);
      async.shutdownNow();
      release(hooks, runLoader, group);
    }
    return outcome;
  }

  private void runMain(MethodHandle entry, String[] argv, String mainOwner) {
    try {
      entry.invokeExact(argv);
    } catch (Throwable t) {
      if (!(t instanceof RunAbort)) {
        mainThrew = true;
        trimBelowMain(t, mainOwner, Collections.newSetFromMap(new IdentityHashMap<>()));
      }
      throw ProgramRun.<RuntimeException>sneaky(t);
    }
  }

  private Outcome awaitEnd(Thread mainThread, ThreadGroup group) {
    try {
      while (true) {
        RunAbort stop = control.stopSignal();
        if (stop instanceof RunAbort.Exit exit) {
          return new Outcome(
              exit.status() == 0 ? Status.SUCCEEDED : Status.FAILED,
              exit.status(),
              exit.status() == 0 ? null : "exited with status " + exit.status());
        }
        if (stop instanceof RunAbort.Cancelled cancelled) {
          return new Outcome(Status.CANCELLED, null, cancelled.getMessage());
        }
        if (deadline != null && !Instant.now().isBefore(deadline)) {
          control.cancel("deadline passed");
          continue;
        }
        Thread live = mainThread.isAlive() ? mainThread : firstLiveNonDaemon(group);
        if (live == null) {
          return mainThrew
              ? new Outcome(Status.FAILED, 1, "uncaught exception in thread \"main\"")
              : new Outcome(Status.SUCCEEDED, 0, null);
        }
        live.join(20);
      }
    } catch (InterruptedException coordinatorStopping) {
      Thread.currentThread().interrupt();
      control.cancel("the coordinator is stopping");
      return new Outcome(Status.CANCELLED, null, "the coordinator is stopping");
    }
  }

  private void runShutdownHooks() {
    List<Thread> hooksToRun;
    synchronized (shutdownHooks) {
      hooksToRun = new ArrayList<>(shutdownHooks);
    }
    for (Thread hook : hooksToRun) {
      try {
        hook.start();
      } catch (IllegalThreadStateException alreadyStarted) {
        // the JVM refuses such hooks at registration; here we just skip them
      }
    }
    long until = System.nanoTime() + settings.stopGrace().toNanos() * 4;
    for (Thread hook : hooksToRun) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left > 0) {
        try {
          hook.join(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static Thread firstLiveNonDaemon(ThreadGroup group) {
    for (Thread t : threadsOf(group)) {
      if (t.isAlive() && !t.isDaemon()) {
        return t;
      }
    }
    return null;
  }

  private static List<Thread> threadsOf(ThreadGroup group) {
    Thread[] all = new Thread[group.activeCount() + 16];
    int n = group.enumerate(all, true);
    List<Thread> threads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (all[i] != Thread.currentThread()) {
        threads.add(all[i]);
      }
    }
    return threads;
  }

  /**
   * Interrupts what is left of the run; whatever ignores the interrupt past the grace period is
   * stopped ({@link Thread#stop()} still works on Java 17: the only way to end a CPU loop that
   * never looks at its interrupt flag).
   */
  @SuppressWarnings({"deprecation", "removal"})
  private void stopThreads(ThreadGroup group) {
    List<Thread> left = threadsOf(group);
    left.forEach(Thread::interrupt);
    joinAll(left, settings.stopGrace().toMillis());
    for (Thread t : threadsOf(group)) {
      try {
        t.stop();
      } catch (UnsupportedOperationException | SecurityException notPossible) {
        // newer JDKs: the thread keeps running until it ends by itself
      }
    }
    joinAll(threadsOf(group), 2_000);
    if (group.activeCount() == 0) {
      try {
        group.destroy();
      } catch (IllegalThreadStateException stillBusy) {
        // a thread started at the last moment; the group goes when it ends
      }
    }
  }

  private static void joinAll(List<Thread> threads, long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    for (Thread t : threads) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void release(Class<?> hooks, RunClassLoader runLoader, RunThreadGroup group) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    setHook(hooks, "DISPATCHER", null);
    setHook(hooks, "OUT", discard);
    setHook(hooks, "ERR", discard);
    setHook(hooks, "ADD_SHUTDOWN_HOOK", null);
    setHook(hooks, "REMOVE_SHUTDOWN_HOOK", null);
    setHook(hooks, "DEFAULT_HANDLER", null);
    AsyncDispatchers.unregister(runLoader);
    group.hooks = null;
    shutdownHooks.clear();
    dispatcher = null;
    main = null;
    loader = null;
  }

  private static Object getHook(Class<?> hooks, String field) {
    try {
      return hooks.getField(field).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + field + " of the run's hooks", e);
    }
  }

  private static void setHook(Class<?> hooks, String field, Object value) {
    try {
      Field f = hooks.getField(field);
      f.set(null, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set " + field + " of the run's hooks", e);
    }
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
      t.setStackTrace(java.util.Arrays.copyOf(frames, last + 1));
    }
    trimBelowMain(t.getCause(), mainOwner, seen);
    for (Throwable s : t.getSuppressed()) {
      trimBelowMain(s, mainOwner, seen);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * The run's threads. Uncaught exceptions print to the run's stderr exactly as the JVM's default
   * handler prints them (or go to the handler the program installed for itself); stub frames of the
   * rewriting are left out so traces read as under plain {@code java}.
   */
  private static final class RunThreadGroup extends ThreadGroup {
    private final PrintStream err;
    volatile Class<?> hooks;

    RunThreadGroup(String name, PrintStream err) {
      super(name);
      this.err = err;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (e instanceof RunAbort || e instanceof ThreadDeath) {
        return;
      }
      Thread.UncaughtExceptionHandler handler = programHandler();
      if (handler != null) {
        handler.uncaughtException(t, e);
        return;
      }
      StackTraces.asUnderPlainJava(e);
      err.print("Exception in thread \"" + t.getName() + "\" ");
      e.printStackTrace(err);
    }

    private Thread.UncaughtExceptionHandler programHandler() {
      Class<?> h = hooks;
      if (h == null) {
        return null;
      }
      try {
        return (Thread.UncaughtExceptionHandler) h.getField("DEFAULT_HANDLER").get(null);
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
  }
}
