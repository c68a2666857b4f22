package dev.farcall.heuristics.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small program shaped like {@code examples}' ParallelSum, with known answers: {@code main}
 * prints (pinned), maps a heavy pure method and a tiny one over a parallel stream (method
 * references, so the calls are concurrent), sorts its argument in place (not movable), writes a
 * report (pinned), and runs a heavy checksum sequentially.
 */
final class ParallelSumProgram {
  static final String CLASS = "ex.ParallelSum";
  static final String MAIN = key("main", "([Ljava/lang/String;)V");
  static final String SUM_OF_PRIMES = key("sumOfPrimes", "(J)J");
  static final String IS_PRIME = key("isPrime", "(J)Z");
  static final String SQUARE = key("square", "(I)I");
  static final String WRITE_REPORT = key("writeReport", "(J)V");
  static final String SORT_IN_PLACE = key("sortInPlace", "([I)V");
  static final String CHECKSUM = key("checksum", "([B)J");
  static final String HINTED = key("hinted", "(I)I");

  static final String IO_REASON = "IO: ParallelSum.main -> java.io.PrintStream.println";
  static final String REPORT_REASON = "IO: ParallelSum.writeReport -> java.io.FileWriter.write";
  static final String MUTATION_REASON =
      "ARG_MUTATION: ParallelSum.sortInPlace -> java.util.Arrays.sort(arg 0)";

  private ParallelSumProgram() {}

  static String key(String name, String descriptor) {
    return MethodNode.keyOf(CLASS, name, descriptor);
  }

  static List<MethodNode> methods() {
    return List.of(
        node("main", "([Ljava/lang/String;)V").pinned(IO_REASON).estimates(80, 1, 0).build(),
        // 2,000 instructions in a triple loop: 2 ms own, plus 10 calls of isPrime
        node("sumOfPrimes", "(J)J").estimates(2_000, 3, 16).build(),
        // heavy on its own (10 ms), but only ever called from sumOfPrimes
        node("isPrime", "(J)Z").estimates(1_000, 4, 9).build(),
        node("square", "(I)I").estimates(5, 0, 8).build(),
        node("writeReport", "(J)V").pinned(REPORT_REASON).estimates(50, 0, 8).build(),
        node("sortInPlace", "([I)V").notMovable(MUTATION_REASON).estimates(5_000, 4, 4_000).build(),
        // 20 ms of work, but called once, sequentially
        node("checksum", "([B)J").estimates(2_000, 4, 1_000).build(),
        // 2 ms of work with @Remote, called sequentially
        node("hinted", "(I)I").remoteHint(true).estimates(2_000, 3, 8).build());
  }

  static List<CallSite> sites() {
    List<CallSite> sites = new ArrayList<>();
    sites.add(new CallSite(MAIN, SUM_OF_PRIMES, 20, 0, true));
    sites.add(new CallSite(MAIN, SQUARE, 30, 0, true));
    sites.add(new CallSite(MAIN, SORT_IN_PLACE, 40, 0, true));
    sites.add(new CallSite(MAIN, WRITE_REPORT, 50, 0, false));
    sites.add(new CallSite(MAIN, CHECKSUM, 60, 0, false));
    sites.add(new CallSite(MAIN, HINTED, 70, 0, false));
    sites.add(new CallSite(SUM_OF_PRIMES, IS_PRIME, 15, 1, false));
    return sites;
  }

  static PlacementProblem problem() {
    return PlacementProblem.of(methods(), sites(), Set.of(MAIN));
  }

  static PlacementProblem problem(Map<String, OverrideMode> overrides) {
    return problem().withOverrides(overrides);
  }

  private static MethodNode.Builder node(String name, String descriptor) {
    return MethodNode.builder(CLASS, name, descriptor);
  }
}
