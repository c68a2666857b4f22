package dev.farcall.heuristics.adaptive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The available adaptive policies by name. Immutable. */
public final class AdaptivePolicies {

  /** Name of the policy used when none is chosen. */
  public static final String DEFAULT = CostBenefitAdaptivePolicy.NAME;

  private final Map<String, AdaptivePolicy> byName;

  private AdaptivePolicies(List<AdaptivePolicy> policies) {
    Map<String, AdaptivePolicy> map = new LinkedHashMap<>();
    for (AdaptivePolicy policy : policies) {
      if (map.put(policy.name(), policy) != null) {
        throw new IllegalArgumentException("duplicate adaptive policy " + policy.name());
      }
    }
    byName = Collections.unmodifiableMap(map);
  }

  /** The built-ins: {@code cost-benefit} (the default). */
  public static AdaptivePolicies builtIn() {
    return new AdaptivePolicies(List.of(new CostBenefitAdaptivePolicy()));
  }

  /** A registry of the given policies. */
  public static AdaptivePolicies of(List<AdaptivePolicy> policies) {
    return new AdaptivePolicies(policies);
  }

  /** Every policy, in registration order. */
  public List<AdaptivePolicy> all() {
    return List.copyOf(byName.values());
  }

  /** The policy with this name, if any. */
  public Optional<AdaptivePolicy> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The default policy ({@link #DEFAULT}). */
  public AdaptivePolicy defaultPolicy() {
    return find(DEFAULT).orElseThrow();
  }
}
