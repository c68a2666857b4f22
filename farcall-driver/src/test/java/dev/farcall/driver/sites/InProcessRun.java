package dev.farcall.driver.sites;

import dev.farcall.api.Farcall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.driver.objects.RunObjects;
import dev.farcall.driver.rewrite.RunClassLoader;
import dev.farcall.heuristics.analysis.AnalysisOptions;
import dev.farcall.heuristics.analysis.JarAnalyzer;
import dev.farcall.model.wire.RunStatistics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A program's classes through the driver's rewriting class loader and site dispatcher, in the test
 * JVM, as {@code RunDriver} wires them (without the process around them): for tests of what the
 * rewritten call sites do. Programs that call {@code System.exit} must not be run this way.
 */
public final class InProcessRun {

  public final RunClassLoader loader;
  public final SiteDispatcher dispatcher;

  private InProcessRun(RunClassLoader loader, SiteDispatcher dispatcher) {
    this.loader = loader;
    this.dispatcher = dispatcher;
  }

  /** The program of {@code jar} with {@code plan}, its remote calls going to {@code invoker}. */
  public static InProcessRun of(Path jar, List<SitePlan> plan, RemoteInvoker invoker) {
    RunClassLoader loader =
        new RunClassLoader(jar, "test", Farcall.class.getClassLoader(), SitePlan.methods(plan));
    SiteHooks hooks = SiteHooks.install(loader, plan.size());
    RemoteConnection connection =
        invoker == null ? RemoteConnection.none() : wait -> Optional.of(invoker);
    SiteDispatcher dispatcher =
        new SiteDispatcher(
            new RunIdentity("test-run", "test-program", "0".repeat(64)),
            loader,
            plan,
            connection,
            new CallSettings(Duration.ofSeconds(10), Optional.empty()),
            hooks);
    loader.setHook("DISPATCHER", dispatcher);
    dispatcher.objects(
        new RunObjects(
            new RunIdentity("test-run", "test-program", "0".repeat(64)),
            loader,
            () -> new JarAnalyzer().analyze(jar, AnalysisOptions.defaults()),
            connection::objects));
    return new InProcessRun(loader, dispatcher);
  }

  /** Runs {@code main} on this thread; rethrows what main threw. */
  public void runMain(String mainClass, String... args) throws Throwable {
    Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Runs {@code main} on a daemon thread. */
  public CompletableFuture<Void> startMain(String mainClass, String... args) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                runMain(mainClass, args);
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "test-main");
    t.setDaemon(true);
    t.start();
    return done;
  }

  public RunStatistics stats() {
    return dispatcher.statistics();
  }
}
