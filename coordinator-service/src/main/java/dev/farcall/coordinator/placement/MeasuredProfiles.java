package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.profile.SiteProfile;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.MethodProfile;
import dev.farcall.heuristics.placement.PlacementProblem;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs' measurements as the placement's profiles: a method a run timed or called remotely gets its
 * measured work (and, if it went remote, its measured bytes) in place of the static estimates, so
 * its estimate's source is PROFILE.
 */
final class MeasuredProfiles {

  private MeasuredProfiles() {}

  static PlacementProblem apply(PlacementProblem problem, Map<String, SiteProfile> measured) {
    if (measured.isEmpty()) {
      return problem;
    }
    Map<String, MethodProfile> profiles = new HashMap<>(problem.profiles());
    for (MethodNode method : problem.methods()) {
      SiteProfile p = measured.get(method.key());
      if (p == null || p.workNanos().isEmpty()) {
        continue;
      }
      double bytes =
          p.meanBytes().isPresent() ? p.meanBytes().getAsDouble() : method.transferBytes();
      profiles.put(method.key(), new MethodProfile(p.workNanos().getAsDouble() / 1000, bytes, 0));
    }
    return problem.withProfiles(profiles);
  }
}
