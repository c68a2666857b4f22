package dev.farcall.coordinator.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.placement.PlacementHeuristic;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.TunableType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/heuristics}: the placement heuristics, the adaptive policies, and the global
 * settings of both.
 */
@RestController
@RequestMapping("/api/v1/heuristics")
@Tag(name = "Heuristics", description = "Placement heuristics, adaptive policies, their tunables")
class HeuristicsController {

  private final PlacementService placement;
  private final AdaptiveSettingsService adaptive;

  HeuristicsController(PlacementService placement, AdaptiveSettingsService adaptive) {
    this.placement = placement;
    this.adaptive = adaptive;
  }

  /** A heuristic or an adaptive policy, and its tunables. */
  @Schema(name = "Heuristic")
  record HeuristicView(
      String name,
      @Schema(
              description =
                  "placement: decides a program's plan before it runs; adaptive: flips call sites"
                      + " while it runs, from measured profiles")
          String kind,
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
          Map<String, Object> tunables,
      @Schema(description = "The adaptive policy runs use (PUT: absent means its defaults)")
          AdaptiveBody adaptive) {}

  /** The adaptive policy's part of the settings. */
  @Schema(name = "AdaptiveSettings")
  record AdaptiveBody(
      @Schema(description = "The adaptive policy", example = "cost-benefit") String policy,
      @Schema(description = "Its tunable values by name (GET: every value, defaults included)")
          Map<String, Object> tunables) {}

  @GetMapping
  @Operation(
      summary = "List the placement heuristics and adaptive policies with their tunables",
      description = "Placement heuristics first (kind placement), then adaptive policies.")
  List<HeuristicView> list() {
    List<HeuristicView> all = new ArrayList<>();
    placement.heuristics().forEach(h -> all.add(view(h)));
    adaptive.policies().forEach(p -> all.add(view(p)));
    return all;
  }

  @GetMapping("/settings")
  @Operation(
      summary = "Show the global heuristic settings",
      description = "The heuristic that places programs and every tunable value it uses.")
  SettingsBody settings() {
    return body(placement.settings());
  }

  @PutMapping("/settings")
  @Operation(
      summary = "Change the global heuristic settings",
      description =
          "Replaces both parts: the heuristic's and the adaptive policy's values are validated"
              + " against their own tunables (values not given take their defaults, an absent"
              + " adaptive part the default policy's). On success the plans of all analysed"
              + " programs are recomputed at once (new versions).")
  @ApiResponse(responseCode = "200", description = "The new settings")
  @ApiResponse(responseCode = "400", description = "Malformed JSON")
  @ApiResponse(
      responseCode = "422",
      description =
          "Unknown heuristic, policy or tunable, wrong type, out of range; nothing changed")
  SettingsBody updateSettings(@RequestBody SettingsBody body) {
    AdaptiveBody requested = body.adaptive();
    HeuristicSettings chosen =
        requested == null
            ? adaptive.validate(null, null)
            : adaptive.validate(requested.policy(), requested.tunables());
    HeuristicSettings settings = placement.updateSettings(body.heuristic(), body.tunables());
    adaptive.save(chosen);
    return body(settings);
  }

  private SettingsBody body(HeuristicSettings settings) {
    return new SettingsBody(
        settings.heuristic(),
        placement.effectiveTunables(settings).values(),
        new AdaptiveBody(adaptive.policy().name(), adaptive.tunables().values()));
  }

  private HeuristicView view(PlacementHeuristic heuristic) {
    return new HeuristicView(
        heuristic.name(),
        "placement",
        heuristic.description(),
        placement.isDefault(heuristic),
        heuristic.parameters().stream().map(HeuristicsController::view).toList());
  }

  private HeuristicView view(AdaptivePolicy policy) {
    return new HeuristicView(
        policy.name(),
        "adaptive",
        policy.description(),
        adaptive.isDefault(policy),
        policy.parameters().stream().map(HeuristicsController::view).toList());
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
