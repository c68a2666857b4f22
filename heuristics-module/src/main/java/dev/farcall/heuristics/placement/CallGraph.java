package dev.farcall.heuristics.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An index over a {@link PlacementProblem} with dense int ids (methods sorted by key, so results do
 * not depend on input order), adjacency arrays and strongly connected components in topological
 * order. Built once per placement; heuristics and the cost model share it.
 */
final class CallGraph {
  final PlacementProblem problem;
  final MethodNode[] methods;
  final Map<String, Integer> ids;
  final CallSite[] sites;
  final int[] siteCaller;
  final int[] siteCallee;
  final int[][] outSites;
  final int[][] inSites;
  final boolean[] entry;
  final boolean[] root;
  final boolean[] reached;
  final OverrideMode[] override;

  /** Components, callers before callees; members of each sorted by id. */
  final int[][] componentsTopological;

  /** Whether the method is in a cycle (a component of two or more, or calls itself). */
  final boolean[] recursive;

  private CallGraph(PlacementProblem problem) {
    this.problem = problem;
    methods = problem.methods().toArray(MethodNode[]::new);
    Arrays.sort(methods, Comparator.comparing(MethodNode::key));
    int n = methods.length;
    ids = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      ids.put(methods[i].key(), i);
    }
    sites = sortedSites(problem.callSites(), ids, n);
    siteCaller = new int[sites.length];
    siteCallee = new int[sites.length];
    int[] outCount = new int[n];
    int[] inCount = new int[n];
    for (int s = 0; s < sites.length; s++) {
      siteCaller[s] = ids.get(sites[s].callerKey());
      siteCallee[s] = ids.get(sites[s].calleeKey());
      outCount[siteCaller[s]]++;
      inCount[siteCallee[s]]++;
    }
    outSites = new int[n][];
    inSites = new int[n][];
    for (int i = 0; i < n; i++) {
      outSites[i] = new int[outCount[i]];
      inSites[i] = new int[inCount[i]];
    }
    Arrays.fill(outCount, 0);
    Arrays.fill(inCount, 0);
    for (int s = 0; s < sites.length; s++) {
      outSites[siteCaller[s]][outCount[siteCaller[s]]++] = s;
      inSites[siteCallee[s]][inCount[siteCallee[s]]++] = s;
    }
    entry = new boolean[n];
    root = new boolean[n];
    reached = new boolean[n];
    override = new OverrideMode[n];
    for (int i = 0; i < n; i++) {
      entry[i] = problem.entryPoints().contains(methods[i].key());
      root[i] = entry[i] || inSites[i].length == 0;
      reached[i] = entry[i] || inSites[i].length > 0;
      override[i] = problem.overrides().getOrDefault(methods[i].key(), OverrideMode.AUTO);
    }
    recursive = new boolean[n];
    componentsTopological = CallGraphComponents.callersFirst(outSites, siteCallee, recursive);
  }

  /**
   * Sites ordered by caller id, then bytecode offset, callee id, loop depth and concurrency: a
   * counting sort by caller and an insertion sort of each caller's few sites, linear in practice.
   */
  private static CallSite[] sortedSites(List<CallSite> input, Map<String, Integer> ids, int n) {
    int count = input.size();
    int[] caller = new int[count];
    int[] callee = new int[count];
    int[] start = new int[n + 1];
    for (int i = 0; i < count; i++) {
      caller[i] = ids.get(input.get(i).callerKey());
      callee[i] = ids.get(input.get(i).calleeKey());
      start[caller[i] + 1]++;
    }
    for (int m = 0; m < n; m++) {
      start[m + 1] += start[m];
    }
    int[] order = new int[count];
    int[] fill = Arrays.copyOf(start, n);
    for (int i = 0; i < count; i++) {
      order[fill[caller[i]]++] = i;
    }
    CallSite[] sorted = new CallSite[count];
    for (int m = 0; m < n; m++) {
      for (int i = start[m] + 1; i < start[m + 1]; i++) {
        int moving = order[i];
        int j = i - 1;
        while (j >= start[m] && compareSites(input, callee, order[j], moving) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = moving;
      }
    }
    for (int i = 0; i < count; i++) {
      sorted[i] = input.get(order[i]);
    }
    return sorted;
  }

  private static int compareSites(List<CallSite> input, int[] callee, int a, int b) {
    CallSite x = input.get(a);
    CallSite y = input.get(b);
    int c = Integer.compare(x.siteIndex(), y.siteIndex());
    if (c == 0) {
      c = Integer.compare(callee[a], callee[b]);
    }
    if (c == 0) {
      c = Integer.compare(x.loopDepth(), y.loopDepth());
    }
    if (c == 0) {
      c = Boolean.compare(x.concurrent(), y.concurrent());
    }
    return c;
  }

  static CallGraph of(PlacementProblem problem) {
    return new CallGraph(problem);
  }

  int size() {
    return methods.length;
  }
}
