package dev.farcall.driver.adaptive;

import dev.farcall.heuristics.adaptive.AdaptivePolicies;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.Tunables;
import dev.farcall.model.wire.DriverPolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * The adaptive policy a run's spec names, with its tunables: the coordinator validated them already
 * and sends them as text, which is read back by each tunable's type here.
 */
public record PolicyChoice(AdaptivePolicy policy, Tunables tunables) {

  /**
   * @throws IllegalArgumentException for an unknown policy or a tunable that does not fit
   */
  public static PolicyChoice of(DriverPolicy spec) {
    AdaptivePolicy policy =
        AdaptivePolicies.builtIn()
            .find(spec.getName())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown adaptive policy " + spec.getName()));
    Map<String, TunableDescriptor> descriptors = new HashMap<>();
    policy.parameters().forEach(d -> descriptors.put(d.name(), d));
    Map<String, Object> values = new HashMap<>();
    spec.getTunables()
        .forEach(
            (name, text) -> {
              TunableDescriptor d = descriptors.get(name);
              values.put(name, d == null ? text : typed(d, text));
            });
    return new PolicyChoice(policy, policy.tunables(values));
  }

  private static Object typed(TunableDescriptor d, String text) {
    return switch (d.type()) {
      case INT -> Integer.parseInt(text.strip());
      case DOUBLE -> Double.parseDouble(text.strip());
      case BOOLEAN -> Boolean.parseBoolean(text.strip());
      case ENUM -> text;
    };
  }
}
