package dev.farcall.coordinator.placement;

import dev.farcall.heuristics.Effect;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Everything about one method of a program that the graph leaves out: the analysis' verdict with
 * its evidence, the plan's decision with its reason and estimates, and the override in force.
 *
 * @param estimatesSource where the work estimate comes from: {@code static} (the bytecode fixes
 *     it), {@code profile} (measured in runs), {@code unknown} (a guess: a loop bound or recursion
 *     the code does not fix), {@code none} (the plan does not reach the method)
 */
@Schema(name = "MethodDetails")
record MethodDetails(
    String className,
    String methodName,
    String descriptor,
    boolean movable,
    List<Effect> effects,
    @Schema(description = "Why it may not move, each with its evidence chain") List<String> reasons,
    List<String> declarations,
    @Schema(description = "REMOTE, LOCAL, PINNED, NOT_TRANSFERABLE or UNPLACED") String decision,
    String reason,
    @Schema(nullable = true) PlacementResponse.EstimatesView estimates,
    String estimatesSource,
    @Schema(description = "LOCAL, REMOTE or AUTO") String override) {}
