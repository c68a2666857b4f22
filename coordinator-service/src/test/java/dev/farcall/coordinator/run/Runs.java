package dev.farcall.coordinator.run;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Runs example programs through the driver for tests. */
final class Runs {

  private Runs() {}

  /** The outcome of a driver run and what it printed. */
  record Finished(ProgramRun.Outcome outcome, String stdout, String stderr, RunStats stats) {}

  /** A plan that sends the given methods of an example program away. */
  static RunPlan remote(MethodKey... methods) {
    return new RunPlan(
        Arrays.stream(methods)
            .map(m -> new RunPlan.PlannedMethod(m, Decision.REMOTE, "chosen by the test"))
            .toList());
  }

  static ProgramRun prepare(
      String mainClass, List<String> args, RunPlan plan, RemoteInvoker invoker, RunSettings s) {
    return prepare(mainClass, args, plan, invoker, s, null);
  }

  static ProgramRun prepare(
      String mainClass,
      List<String> args,
      RunPlan plan,
      RemoteInvoker invoker,
      RunSettings settings,
      Instant deadline) {
    return ProgramRun.prepare(
        "t-" + UUID.randomUUID(),
        Examples.program(),
        mainClass,
        args,
        plan,
        invoker,
        settings,
        deadline);
  }

  static Finished run(String mainClass, List<String> args, RunPlan plan, RemoteInvoker invoker) {
    return run(mainClass, args, plan, invoker, RunSettings.defaults());
  }

  static Finished run(
      String mainClass,
      List<String> args,
      RunPlan plan,
      RemoteInvoker invoker,
      RunSettings settings) {
    ProgramRun run = prepare(mainClass, args, plan, invoker, settings);
    ProgramRun.Outcome outcome = run.execute();
    return new Finished(outcome, run.output().stdout(), run.output().stderr(), run.stats());
  }
}
