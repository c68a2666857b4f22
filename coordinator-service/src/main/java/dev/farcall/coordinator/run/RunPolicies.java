package dev.farcall.coordinator.run;

import dev.farcall.coordinator.placement.AdaptiveSettingsService;
import dev.farcall.coordinator.profile.ProgramProfiles;
import dev.farcall.coordinator.profile.SiteProfile;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.run.driver.Decision;
import dev.farcall.coordinator.run.driver.PolicySpec;
import dev.farcall.coordinator.run.driver.RunPlan;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.TunableValidationException;
import dev.farcall.heuristics.placement.Tunables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which adaptive policy a run gets, with which tunables: the global choice ({@code PUT
 * /heuristics/settings}, {@code adaptive} part), unless the run names another policy ({@code
 * adaptivePolicy}, {@code "none"} for none); the run's {@code tunables} that the policy declares
 * override the global values, the others are the placement heuristic's.
 */
final class RunPolicies {

  /** The name that turns the adaptive policy off for a run. */
  static final String NONE = "none";

  private final AdaptiveSettingsService settings;
  private final ProgramProfiles profiles;

  RunPolicies(AdaptiveSettingsService settings, ProgramProfiles profiles) {
    this.settings = settings;
    this.profiles = profiles;
  }

  /**
   * Where a run's sites start: under an adaptive policy, each site a user did not fix starts where
   * the policy left it at the end of the program's last run (its learned decision); otherwise, and
   * for sites nothing was learned of, the plan's decision. A run that asks for a plan of its own
   * (another heuristic, or placement tunables) starts from that plan: what it asked for wins over
   * what earlier runs left.
   */
  RunPlan startingPoint(
      ProgramRef program, RunPlan plan, Optional<PolicySpec> policy, boolean ownPlan) {
    if (policy.isEmpty() || ownPlan || plan.methods().isEmpty()) {
      return plan;
    }
    Map<String, SiteProfile> learned = profiles.of(program.sha256());
    if (learned.isEmpty()) {
      return plan;
    }
    List<RunPlan.PlannedMethod> methods = new ArrayList<>(plan.methods().size());
    for (RunPlan.PlannedMethod m : plan.methods()) {
      SiteProfile p =
          learned.get(
              MethodNode.keyOf(
                  m.method().className(), m.method().methodName(), m.method().descriptor()));
      Optional<Decision> start =
          p == null ? Optional.empty() : p.learnedDecision().map(Decision::valueOf);
      if (m.fixed() || start.isEmpty() || start.get() == m.decision()) {
        methods.add(m);
      } else {
        methods.add(
            m.startingAt(
                start.get(),
                "learned: run "
                    + p.runId()
                    + " ended with it "
                    + start.get()
                    + p.learnedReason().map(r -> " (" + r + ")").orElse("")));
      }
    }
    return new RunPlan(methods);
  }

  /** A run's tunables split between its adaptive policy and its placement heuristic. */
  record Split(Optional<PolicySpec> policy, Map<String, Object> placementTunables) {}

  /**
   * @throws InvalidRunRequestException for an unknown policy or a policy tunable that does not fit
   */
  Split split(String requestedPolicy, Map<String, Object> tunables) {
    if (NONE.equals(requestedPolicy)) {
      return new Split(Optional.empty(), without(tunables, adaptiveNames(settings.policy())));
    }
    AdaptivePolicy policy = policy(requestedPolicy);
    Set<String> names = adaptiveNames(policy);
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, Object> placement = new LinkedHashMap<>();
    tunables.forEach((k, v) -> (names.contains(k) ? own : placement).put(k, v));
    Map<String, Object> merged = new LinkedHashMap<>();
    if (policy.name().equals(settings.policy().name())) {
      merged.putAll(settings.tunables().givenValues());
    }
    merged.putAll(own);
    Tunables validated;
    try {
      Tunables.requireJsonTypes(policy.parameters(), own);
      validated = policy.tunables(merged);
    } catch (TunableValidationException e) {
      throw new InvalidRunRequestException("tunables", e.getMessage());
    }
    Map<String, String> text = new LinkedHashMap<>();
    validated.givenValues().forEach((k, v) -> text.put(k, String.valueOf(v)));
    return new Split(Optional.of(new PolicySpec(policy.name(), text)), placement);
  }

  private AdaptivePolicy policy(String name) {
    if (name == null || name.isBlank()) {
      return settings.policy();
    }
    return settings.policies().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRunRequestException(
                    "adaptivePolicy",
                    "unknown adaptive policy "
                        + name
                        + "; known: "
                        + settings.policies().stream().map(AdaptivePolicy::name).toList()
                        + " or "
                        + NONE));
  }

  private static Set<String> adaptiveNames(AdaptivePolicy policy) {
    return policy.parameters().stream().map(TunableDescriptor::name).collect(Collectors.toSet());
  }

  private static Map<String, Object> without(Map<String, Object> tunables, Set<String> names) {
    Map<String, Object> rest = new LinkedHashMap<>(tunables);
    rest.keySet().removeAll(names);
    return rest;
  }
}
