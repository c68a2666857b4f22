package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cycles of calls through remote-object handles, against the examples whose cycles are known by
 * construction ({@code dev.farcall.examples.analysis.Handle*}).
 */
class HandleCyclesTests {

  private static final String PKG = "dev.farcall.examples.analysis.";
  private static ProgramModel model;

  @BeforeAll
  static void analyseExamples() {
    model = new JarAnalyzer().analyze(TestPrograms.examplesJar(), AnalysisOptions.defaults());
  }

  @Test
  void twoTypesThatCallEachOtherThroughHandlesAreOneCycleNamingBothCalls() {
    List<HandleCycles.Cycle> cycles = HandleCycles.through(model, PKG + "HandlePing");

    assertThat(cycles).hasSize(1);
    HandleCycles.Cycle cycle = cycles.get(0);
    assertThat(cycle.types()).containsExactly(PKG + "HandlePing", PKG + "HandlePong");
    // the method reference names its target; the lambda's receiver comes from its parameters
    assertThat(cycle.calls().get(0).caller().methodName()).isEqualTo("relay");
    assertThat(cycle.calls().get(0).target().methodName()).isEqualTo("hit");
    assertThat(cycle.calls().get(1).caller().methodName()).isEqualTo("hit");
    assertThat(cycle.calls().get(1).to()).isEqualTo(PKG + "HandlePing");
    assertThat(cycle.message())
        .startsWith("HandlePing calls HandlePong.hit through a handle (in HandlePing.relay)")
        .contains("HandlePong calls a lambda on HandlePing through a handle (in HandlePong.hit)")
        .contains("which reaches a HandlePing again")
        .contains("until its timeout");
    assertThat(HandleCycles.through(model, PKG + "HandlePong")).containsExactly(cycle);
  }

  @Test
  void aTypeThatCallsItsOwnTypeThroughAHandleIsACycleOfOne() {
    List<HandleCycles.Cycle> cycles = HandleCycles.through(model, PKG + "HandleChain");

    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0).types()).containsExactly(PKG + "HandleChain");
    assertThat(cycles.get(0).message())
        .startsWith("HandleChain calls HandleChain.depth through a handle (in HandleChain.depth)")
        .contains("which reaches another HandleChain");
  }

  @Test
  void callsThroughHandlesWithNoWayBackAreNoCycle() {
    assertThat(HandleCycles.through(model, PKG + "HandleFront")).isEmpty();
    assertThat(HandleCycles.through(model, PKG + "HandleStore")).isEmpty();
    // the program's cycles are exactly the two built above
    assertThat(HandleCycles.of(model))
        .extracting(HandleCycles.Cycle::types)
        .containsExactlyInAnyOrder(
            List.of(PKG + "HandleChain"), List.of(PKG + "HandlePing", PKG + "HandlePong"));
  }
}
