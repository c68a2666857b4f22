package dev.farcall.coordinator.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.farcall.heuristics.placement.PlacementHeuristic;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.TunableType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/heuristics}: the placement heuristics and the global settings. */
@RestController
@RequestMapping("/api/v1/heuristics")
@Tag(name = "Heuristics", description = "Placement heuristics and their tunables")
class HeuristicsController {

  private final PlacementService placement;

  HeuristicsController(PlacementService placement) {
    this.placement = placement;
  }

  /** A heuristic and its tunables. */
  @Schema(name = "Heuristic")
  record HeuristicView(
      String name,
      String description,
      @JsonProperty("default") @Schema(description = "Whether it is used when none is set")
          boolean isDefault,
      List<ParameterView> parameters) {}

  /** One tunable. */
  @Schema(name = "HeuristicParameter")
  record ParameterView(
      String name,
      @Schema(description = "INT, DOUBLE, BOOLEAN or ENUM") TunableType type,
      @JsonProperty("default") Object defaultValue,
      @Schema(nullable = true) Number min,
      @Schema(nullable = true) Number max,
      @Schema(description = "Allowed values of an ENUM") List<String> choices,
      String description) {}

  /** The global settings. */
  @Schema(name = "HeuristicSettings")
  record SettingsBody(
      @Schema(description = "The heuristic that places programs", example = "greedy")
          String heuristic,
      @Schema(description = "Tunable values by name (GET: every value, defaults included)")
          Map<String, Object> tunables) {}

  @GetMapping
  @Operation(summary = "List the placement heuristics and their tunables")
  List<HeuristicView> list() {
    return placement.heuristics().stream().map(this::view).toList();
  }

  @GetMapping("/settings")
  @Operation(
      summary = "Show the global heuristic settings",
      description = "The heuristic that places programs and every tunable value it uses.")
  SettingsBody settings() {
    HeuristicSettings settings = placement.settings();
    return new SettingsBody(settings.heuristic(), placement.effectiveTunables(settings).values());
  }

  @PutMapping("/settings")
  @Operation(
      summary = "Change the global heuristic settings",
      description =
          "Validated against the chosen heuristic's tunables (values not given take their"
              + " defaults). On success the plans of all analysed programs are recomputed at once"
              + " (new versions).")
  @ApiResponse(responseCode = "200", description = "The new settings")
  @ApiResponse(responseCode = "400", description = "Malformed JSON")
  @ApiResponse(
      responseCode = "422",
      description = "Unknown heuristic or tunable, wrong type, out of range; nothing changed")
  SettingsBody updateSettings(@RequestBody SettingsBody body) {
    HeuristicSettings settings = placement.updateSettings(body.heuristic(), body.tunables());
    return new SettingsBody(settings.heuristic(), placement.effectiveTunables(settings).values());
  }

  private HeuristicView view(PlacementHeuristic heuristic) {
    return new HeuristicView(
        heuristic.name(),
        heuristic.description(),
        placement.isDefault(heuristic),
        heuristic.parameters().stream().map(HeuristicsController::view).toList());
  }

  private static ParameterView view(TunableDescriptor d) {
    return new ParameterView(
        d.name(),
        d.type(),
        d.defaultValue(),
        d.min().orElse(null),
        d.max().orElse(null),
        d.choices(),
        d.description());
  }
}
