package dev.farcall.heuristics.placement.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.placement.CallSite;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.PlacementProblem;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticProblemsTests {

  @Test
  void sameSizeAndSeedGiveTheSameProblem() {
    assertThat(SyntheticProblems.generate(300, 9)).isEqualTo(SyntheticProblems.generate(300, 9));
    assertThat(SyntheticProblems.generate(300, 9))
        .isNotEqualTo(SyntheticProblems.generate(300, 10));
  }

  @Test
  void problemHasTheRequestedSizeAndAMixOfMethodsAndSites() {
    PlacementProblem problem = SyntheticProblems.generate(2_000, 3);

    assertThat(problem.methods()).hasSize(2_000);
    assertThat(problem.entryPoints()).containsExactly(SyntheticProblems.MAIN);
    assertThat(problem.callSites().size()).isBetween(3_000, 8_000);
    assertThat(problem.callSites()).anyMatch(CallSite::concurrent);
    assertThat(problem.callSites()).anyMatch(s -> s.loopDepth() > 0);
    assertThat(problem.callSites()).anyMatch(s -> s.callerKey().equals(s.calleeKey()));
    assertThat(problem.methods()).anyMatch(MethodNode::pinned);
    assertThat(problem.methods()).anyMatch(m -> !m.movable() && !m.pinned());
    assertThat(problem.methods()).anyMatch(MethodNode::remoteHint);
    assertThat(problem.methods()).anyMatch(m -> m.instructionCount() >= 2_000);
  }

  @Test
  void everyCallerOfAPinnedMethodIsPinnedWithTheEvidenceChain() {
    PlacementProblem problem = SyntheticProblems.generate(1_000, 4);
    Map<String, MethodNode> byKey =
        problem.methods().stream().collect(Collectors.toMap(MethodNode::key, Function.identity()));

    for (CallSite site : problem.callSites()) {
      if (byKey.get(site.calleeKey()).pinned()) {
        MethodNode caller = byKey.get(site.callerKey());
        assertThat(caller.pinned()).as(caller.key()).isTrue();
        assertThat(caller.homeReason()).startsWith("IO: ").contains(" -> ");
      }
    }
  }

  @Test
  void tinyProblemsAreWellFormed() {
    for (int size = 2; size < 12; size++) {
      assertThat(SyntheticProblems.generate(size, size).methods()).hasSize(size);
    }
  }
}
