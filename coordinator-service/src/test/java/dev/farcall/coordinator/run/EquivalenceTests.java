package dev.farcall.coordinator.run;

import static dev.farcall.coordinator.run.Examples.method;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Same result as at home": each example program runs once with plain {@code java -cp examples.jar}
 * in a child process and once through the run driver with its effect-free methods marked REMOTE
 * (served by a worker-like invoker through a real codec round trip in another class loader).
 * Standard output must be byte-identical and the exit code the same, and the REMOTE methods must
 * really have been served remotely.
 */
class EquivalenceTests {

  private static WorkerLikeInvoker worker;

  @BeforeAll
  static void startWorker() {
    worker = WorkerLikeInvoker.serving(Examples.JAR);
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  static Stream<Arguments> programs() {
    return Stream.of(
        Arguments.of(
            "parallelstream",
            List.of("12"),
            List.of(
                method("parallelstream", "collatzBlock", "(J)J"),
                method("parallelstream", "describe", "(JJ)Ljava/lang/String;"))),
        Arguments.of("executor", List.of(), List.of(method("executor", "countPrimes", "(II)I"))),
        Arguments.of("forkjoin", List.of(), List.of(method("forkjoin", "mixSlice", "([III)J"))),
        Arguments.of(
            "fileio",
            List.of(),
            List.of(
                method("fileio", "summarize", "(Ljava/util/List;)Ljava/lang/String;"),
                method("fileio", "checksum", "(Ljava/lang/String;)J"))),
        Arguments.of(
            "exceptions",
            List.of(),
            List.of(
                method("exceptions", "parseCount", "(Ljava/lang/String;)I"),
                method("exceptions", "ratio", "(II)I"),
                method("exceptions", "squares", "(I)[I"))),
        Arguments.of(
            "sorting",
            List.of(),
            List.of(
                method("sorting", "sortedCopy", "([I)[I"), method("sorting", "median", "([I)D"))),
        Arguments.of("staticstate", List.of(), List.of(method("staticstate", "weighted", "(I)I"))),
        Arguments.of(
            "async",
            List.of(),
            List.of(
                method("async", "fib", "(I)J"),
                method("async", "repeat", "(Ljava/lang/String;I)Ljava/lang/String;"),
                method("async", "checkedSqrt", "(I)I"))),
        Arguments.of("exit", List.of(), List.of(method("exit", "triple", "(I)I"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void programPrintsTheSameAndExitsTheSameWithItsPureMethodsRemote(
      String program, List<String> args, List<MethodKey> remote) {
    Examples.PlainRun plain = Examples.runPlain(Examples.main(program), args);

    Runs.Finished farcall =
        Runs.run(
            Examples.main(program), args, Runs.remote(remote.toArray(MethodKey[]::new)), worker);

    assertThat(farcall.stdout()).as("stderr: %s", farcall.stderr()).isEqualTo(plain.stdout());
    assertThat(farcall.outcome().exitCode()).isEqualTo(plain.exitCode());
    assertThat(farcall.stats().remoteCalls()).isPositive();
    assertThat(remote.stream().mapToLong(worker::served).sum()).isPositive();
    assertThat(farcall.stderr()).isEqualTo(plain.stderr());
  }

  /**
   * {@code Farcall.async} of a method the plan keeps at home (LOCAL), or does not plan at all, runs
   * the call at home and completes the future with its real result.
   */
  @Test
  void asyncCallsDecidedLocalOrNotPlannedRunAtHomeWithTheSameOutput() {
    String main = Examples.main("async");
    Examples.PlainRun plain = Examples.runPlain(main, List.of());
    RunPlan decidedLocal =
        new RunPlan(
            Stream.of(
                    method("async", "fib", "(I)J"),
                    method("async", "repeat", "(Ljava/lang/String;I)Ljava/lang/String;"),
                    method("async", "checkedSqrt", "(I)I"))
                .map(m -> new RunPlan.PlannedMethod(m, Decision.LOCAL, "chosen by the test"))
                .toList());

    for (RunPlan plan : List.of(decidedLocal, RunPlan.empty())) {
      Runs.Finished farcall = Runs.run(main, List.of(), plan, worker);

      assertThat(farcall.stdout()).as("stderr: %s", farcall.stderr()).isEqualTo(plain.stdout());
      assertThat(farcall.outcome().exitCode()).isEqualTo(plain.exitCode());
      assertThat(farcall.stats().remoteCalls()).isZero();
    }
  }
}
