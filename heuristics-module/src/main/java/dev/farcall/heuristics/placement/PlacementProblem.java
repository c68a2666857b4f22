package dev.farcall.heuristics.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a heuristic places: the program's methods, its call sites, where it starts, the user's
 * overrides and, when a run measured them, profiles that replace the static estimates.
 *
 * <p>Every key in call sites, entry points, overrides and profiles must name a method in {@code
 * methods}; calls into the JDK or libraries outside the program are left out (their work is part of
 * the caller's estimate). A method that no call site reaches and that is not an entry point gets no
 * decision.
 *
 * @param methods the program's methods, keys unique
 * @param callSites call sites between those methods
 * @param entryPoints keys of methods the program starts from (e.g. {@code main}); they run at home.
 *     Methods that no call site reaches also count as roots.
 * @param overrides per-method overrides by method key; {@link OverrideMode#AUTO} is the same as
 *     absent
 * @param profiles measured profiles by method key
 */
public record PlacementProblem(
    List<MethodNode> methods,
    List<CallSite> callSites,
    Set<String> entryPoints,
    Map<String, OverrideMode> overrides,
    Map<String, MethodProfile> profiles) {

  /** Copies the collections and checks that every key names a method. */
  public PlacementProblem {
    methods = List.copyOf(methods);
    callSites = List.copyOf(callSites);
    entryPoints = Set.copyOf(entryPoints);
    overrides = Map.copyOf(overrides);
    profiles = Map.copyOf(profiles);
    Set<String> keys = new java.util.HashSet<>(methods.size() * 2);
    for (MethodNode method : methods) {
      if (!keys.add(method.key())) {
        throw new IllegalArgumentException("duplicate method key " + method.key());
      }
    }
    for (CallSite site : callSites) {
      requireKnown(keys, site.callerKey(), "call site caller");
      requireKnown(keys, site.calleeKey(), "call site callee");
    }
    entryPoints.forEach(k -> requireKnown(keys, k, "entry point"));
    overrides.keySet().forEach(k -> requireKnown(keys, k, "override"));
    profiles.keySet().forEach(k -> requireKnown(keys, k, "profile"));
  }

  /** A problem without overrides or profiles. */
  public static PlacementProblem of(
      List<MethodNode> methods, List<CallSite> callSites, Set<String> entryPoints) {
    return new PlacementProblem(methods, callSites, entryPoints, Map.of(), Map.of());
  }

  private static void requireKnown(Set<String> keys, String key, String what) {
    if (!keys.contains(key)) {
      throw new IllegalArgumentException(what + " " + key + " is not a method of the problem");
    }
  }

  /**
   * Returns a copy with the given overrides resolved and applied on top of the existing ones.
   *
   * <p>A key is either a full method key {@code "pkg.Class#name(desc)"} or {@code
   * "pkg.Class#name"}, which applies to every overload. {@link OverrideMode#AUTO} removes an
   * override.
   *
   * @throws OverrideRejectedException when a key names no method, or REMOTE names a method that may
   *     not move (with the analysis' reason); nothing is applied then
   */
  public PlacementProblem withOverrides(Map<String, OverrideMode> requested) {
    Map<String, List<MethodNode>> byKey = new HashMap<>();
    for (MethodNode method : methods) {
      byKey.computeIfAbsent(method.key(), k -> new ArrayList<>()).add(method);
      byKey
          .computeIfAbsent(method.className() + "#" + method.methodName(), k -> new ArrayList<>())
          .add(method);
    }
    Map<String, String> rejected = new TreeMap<>();
    Map<String, OverrideMode> merged = new LinkedHashMap<>(overrides);
    for (Map.Entry<String, OverrideMode> entry : new TreeMap<>(requested).entrySet()) {
      List<MethodNode> targets = byKey.get(entry.getKey());
      OverrideMode mode = Objects.requireNonNull(entry.getValue(), "override mode");
      if (targets == null) {
        rejected.put(entry.getKey(), "no such method in the program");
        continue;
      }
      for (MethodNode target : targets) {
        if (mode == OverrideMode.REMOTE && target.staysHome()) {
          rejected.put(target.key(), "cannot run remotely: " + target.homeReason());
        } else if (mode == OverrideMode.AUTO) {
          merged.remove(target.key());
        } else {
          merged.put(target.key(), mode);
        }
      }
    }
    if (!rejected.isEmpty()) {
      throw new OverrideRejectedException(rejected);
    }
    return new PlacementProblem(methods, callSites, entryPoints, merged, profiles);
  }

  /** Returns a copy whose profiles are replaced by the given ones. */
  public PlacementProblem withProfiles(Map<String, MethodProfile> newProfiles) {
    return new PlacementProblem(methods, callSites, entryPoints, overrides, newProfiles);
  }
}
