package dev.farcall.coordinator.placement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A program's call graph coloured by its current plan, compact enough for a browser to draw a jar
 * of 10,000 methods: classes listed once, methods as {@code [class index, name, descriptor,
 * decision]}, calls as {@code [caller index, callee index]} between program methods. Reasons,
 * effects and estimates are left out; {@code /graph/method} gives them for one method.
 *
 * @param version the plan version the decisions come from
 * @param heuristic the heuristic that made it
 */
@Schema(name = "ProgramGraph", description = "A program's call graph with its plan's decisions")
record ProgramGraph(
    int version,
    String heuristic,
    List<String> classes,
    @Schema(
            description =
                "[class index, method name, descriptor, decision: REMOTE, LOCAL, PINNED,"
                    + " NOT_TRANSFERABLE (may not move, no call reaches it) or UNPLACED (may"
                    + " move, no call reaches it)]")
        List<Object[]> methods,
    @Schema(description = "[caller index, callee index] into methods") List<int[]> edges) {}
