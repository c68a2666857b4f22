package dev.farcall.coordinator.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.HandleCycles;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A program's analysis as the REST API shows it. */
@Schema(name = "Analysis", description = "The bytecode analysis of a program")
record AnalysisResponse(
    @Schema(description = "PENDING, RUNNING, DONE or FAILED") AnalysisStatus status,
    @Schema(description = "Why it FAILED", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String error,
    @Schema(description = "How long the last finished analysis took", nullable = true)
        Long durationMillis,
    @Schema(description = "Every method of the program (empty until DONE)")
        List<MethodView> methods,
    @Schema(description = "Call-graph edges from program methods (empty until DONE)")
        List<EdgeView> edges,
    @Schema(
            description =
                "What may go wrong at run time though nothing is refused: cycles of calls through"
                    + " remote-object handles (empty until DONE)")
        List<WarningView> warnings) {

  /** Something the analysis found that may fail at run time. */
  @Schema(name = "AnalysisWarning")
  record WarningView(
      @Schema(description = "HANDLE_CYCLE") String kind,
      @Schema(description = "What may happen and through which calls") String message,
      @Schema(description = "The object types on the cycle, dotted names") List<String> types,
      @Schema(description = "The methods making the handle calls, then the methods they call")
          List<String> methods) {

    static WarningView of(HandleCycles.Cycle cycle) {
      List<String> methods = new ArrayList<>();
      for (HandleCycles.HandleCall call : cycle.calls()) {
        methods.add(call.caller().toString());
        methods.add(call.target().toString());
      }
      return new WarningView("HANDLE_CYCLE", cycle.message(), cycle.types(), methods);
    }
  }

  /** The verdict on one method. */
  @Schema(name = "AnalysedMethod")
  record MethodView(
      String className,
      String methodName,
      @Schema(description = "JVM descriptor, e.g. (I)J") String descriptor,
      @Schema(description = "Whether its calls may run on a worker") boolean movable,
      @Schema(description = "Its effects, transitive over everything it may call")
          List<Effect> effects,
      @Schema(description = "Why it is not movable, each with its evidence chain; declarations")
          List<String> reasons,
      @Schema(description = "Declarations that apply to it: Pure, Pinned, Remote")
          List<String> declarations) {}

  /** One call-graph edge. */
  @Schema(name = "CallEdge")
  record EdgeView(
      @Schema(description = "pkg.Class#method(descriptor)") String caller,
      @Schema(description = "pkg.Class#method(descriptor); a program or library method")
          String callee,
      @Schema(description = "Whether the call runs where calls run concurrently")
          boolean concurrent,
      @Schema(description = "Loops enclosing the call in the caller") int loopDepth) {}

  static AnalysisResponse of(AnalysisRow row, ProgramModel model) {
    List<MethodView> methods =
        model == null ? List.of() : model.methods().stream().map(AnalysisResponse::view).toList();
    List<EdgeView> edges =
        model == null
            ? List.of()
            : model.edges().stream()
                .map(
                    e ->
                        new EdgeView(
                            e.caller().toString(),
                            e.callee().toString(),
                            e.concurrentContext(),
                            e.loopDepth()))
                .toList();
    List<WarningView> warnings =
        model == null ? List.of() : HandleCycles.of(model).stream().map(WarningView::of).toList();
    return new AnalysisResponse(
        row.status(), row.error(), row.durationMillis(), methods, edges, warnings);
  }

  private static MethodView view(MethodAnalysis m) {
    return new MethodView(
        m.className(),
        m.methodName(),
        m.descriptor(),
        m.movable(),
        List.copyOf(ModelJson.sorted(m.effects())),
        m.reasons(),
        List.copyOf(new TreeSet<>(m.declarations())));
  }
}
