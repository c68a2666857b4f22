package dev.farcall.coordinator.placement;

import dev.farcall.heuristics.adaptive.AdaptivePolicies;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.placement.TunableValidationException;
import dev.farcall.heuristics.placement.Tunables;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The adaptive policies and the global choice of one with its tunables, validated against the
 * policy's own descriptors like the placement heuristics' (see {@link PlacementService}). The seam
 * for runs: {@link #policy()} and {@link #tunables()} are what a run uses unless it sets its own.
 */
@Service
public class AdaptiveSettingsService {

  private static final Logger log = LoggerFactory.getLogger(AdaptiveSettingsService.class);

  private final AdaptivePolicies policies = AdaptivePolicies.builtIn();
  private final SettingsRepository repository;

  AdaptiveSettingsService(SettingsRepository repository) {
    this.repository = repository;
  }

  /** The built-in policies, the default first. */
  public List<AdaptivePolicy> policies() {
    return policies.all();
  }

  /** The policy runs use. */
  public AdaptivePolicy policy() {
    return policies.find(settings().heuristic()).orElseGet(policies::defaultPolicy);
  }

  /** Every tunable value of {@link #policy()}, defaults included. */
  public Tunables tunables() {
    AdaptivePolicy policy = policy();
    try {
      return policy.tunables(settings().given());
    } catch (TunableValidationException e) {
      log.warn("Stored adaptive settings do not fit {}; using its defaults", policy.name());
      return Tunables.defaults(policy.parameters());
    }
  }

  /** Whether {@code policy} is the one used when none is set. */
  boolean isDefault(AdaptivePolicy policy) {
    return policy.name().equals(AdaptivePolicies.DEFAULT);
  }

  /** The stored choice (the default policy with no values given, until set). */
  HeuristicSettings settings() {
    return repository
        .findAdaptive()
        .orElseGet(() -> new HeuristicSettings(AdaptivePolicies.DEFAULT, Map.of()));
  }

  /**
   * Validates a choice without storing it.
   *
   * @param policy a policy's name, or {@code null} for the default
   * @param tunables values for it; {@code null} for none
   * @throws InvalidTunablesException for an unknown policy or a bad value
   */
  HeuristicSettings validate(String policy, Map<String, ?> tunables) {
    String name = policy == null ? AdaptivePolicies.DEFAULT : policy;
    AdaptivePolicy chosen =
        policies
            .find(name)
            .orElseThrow(
                () ->
                    new InvalidTunablesException(
                        name,
                        List.of(
                            new TunableValidationException.Violation(
                                "adaptive.policy",
                                name,
                                "unknown adaptive policy; known: "
                                    + policies.all().stream()
                                        .map(AdaptivePolicy::name)
                                        .toList()))));
    try {
      Tunables.requireJsonTypes(chosen.parameters(), tunables == null ? Map.of() : tunables);
      return new HeuristicSettings(
          name, chosen.tunables(tunables == null ? Map.of() : tunables).givenValues());
    } catch (TunableValidationException e) {
      throw new InvalidTunablesException(name, e.violations());
    }
  }

  /** Stores a choice {@link #validate} accepted. */
  void save(HeuristicSettings settings) {
    repository.saveAdaptive(settings);
  }
}
