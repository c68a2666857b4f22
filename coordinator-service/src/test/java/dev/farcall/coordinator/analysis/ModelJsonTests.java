package dev.farcall.coordinator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.analysis.CallSite;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Models stored before loop trip counts existed read back as "every loop's count unknown". */
class ModelJsonTests {

  private final JsonMapper json = JsonMapper.builder().build();

  private static final String STORED_BEFORE_TRIP_COUNTS =
      """
      {"methods": [{"className": "p.C", "methodName": "f", "descriptor": "(I)I",
                    "movable": true, "effects": [], "reasons": [], "declarations": [],
                    "remoteHint": false, "isStatic": true,
                    "instructionCount": 12, "maxLoopDepth": 2}],
       "edges": [{"caller": "p.C#f(I)I", "callee": "p.C#g()V", "declaredCallee": "p.C#g()V",
                  "kind": "STATIC", "instructionIndex": 4, "loopDepth": 2,
                  "concurrent": false, "library": false}],
       "classCount": 1, "nanos": 5}
      """;

  @Test
  void aModelStoredBeforeTripCountsExistedHasEveryLoopUnknown() {
    ProgramModel model = ModelJson.read(json, STORED_BEFORE_TRIP_COUNTS);

    MethodAnalysis method = model.methods().get(0);
    CallSite edge = model.edges().get(0);
    assertThat(method.bodyExecutions()).isEmpty();
    assertThat(method.maxLoopDepth()).isEqualTo(2);
    assertThat(edge.knownIterations()).isEqualTo(1);
    assertThat(edge.unknownLoops()).isEqualTo(2);
  }

  @Test
  void tripCountsSurviveAWriteAndARead() {
    ProgramModel stored = ModelJson.read(json, STORED_BEFORE_TRIP_COUNTS);
    MethodAnalysis m = stored.methods().get(0);
    CallSite e = stored.edges().get(0);
    ProgramModel counted =
        new ProgramModel(
            java.util.List.of(
                new MethodAnalysis(
                    m.method(),
                    m.movable(),
                    m.effects(),
                    m.reasons(),
                    m.declarations(),
                    m.remoteHint(),
                    m.isStatic(),
                    m.instructionCount(),
                    m.maxLoopDepth(),
                    java.util.List.of(4.0, 2_000.0))),
            java.util.List.of(
                new CallSite(
                    e.caller(),
                    e.callee(),
                    e.declaredCallee(),
                    e.kind(),
                    e.instructionIndex(),
                    e.loopDepth(),
                    e.concurrentContext(),
                    e.libraryCallee(),
                    1_000,
                    1)),
            stored.classCount(),
            stored.duration());

    ProgramModel read = ModelJson.read(json, ModelJson.write(json, counted));

    assertThat(read.methods().get(0).bodyExecutions()).containsExactly(4.0, 2_000.0);
    assertThat(read.edges().get(0).knownIterations()).isEqualTo(1_000);
    assertThat(read.edges().get(0).unknownLoops()).isEqualTo(1);
  }
}
