package dev.farcall.heuristics.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.placement.synthetic.SyntheticProblems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.junit.jupiter.api.Test;

/**
 * The order placement walks the call graph in decides every plan, so the int-array components must
 * be exactly those JGraphT's Kosaraju inspector and topological iterator gave (the implementation
 * placement used before it was replaced for speed), members sorted, ties broken by smallest member.
 */
class CallGraphTests {

  @Test
  void componentsOfSyntheticProgramsMatchJGraphTsCondensationOrder() {
    for (int size : new int[] {2, 100, 1_000, 10_000}) {
      for (long seed : new long[] {1, 42}) {
        assertMatchesReference(CallGraph.of(SyntheticProblems.generate(size, seed)));
      }
    }
  }

  @Test
  void componentsOfGraphsFullOfCyclesMatchJGraphTsCondensationOrder() {
    for (long seed = 0; seed < 20; seed++) {
      assertMatchesReference(CallGraph.of(cyclic(300, seed)));
    }
  }

  @Test
  void aLongCycleIsOneRecursiveComponentWithoutOverflowingTheStack() {
    int size = 300_000;
    List<MethodNode> methods = new ArrayList<>(size);
    List<CallSite> sites = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      methods.add(method(i));
    }
    for (int i = 0; i < size; i++) {
      sites.add(new CallSite(key(i), key((i + 1) % size), 0, 0, false));
    }

    CallGraph graph = CallGraph.of(PlacementProblem.of(methods, sites, Set.of(key(0))));

    assertThat(graph.componentsTopological).hasDimensions(1, size);
    assertThat(graph.recursive).containsOnly(true);
  }

  private static void assertMatchesReference(CallGraph graph) {
    boolean[] recursive = new boolean[graph.size()];
    int[][] expected = reference(graph, recursive);

    assertThat(graph.componentsTopological).isDeepEqualTo(expected);
    assertThat(graph.recursive).isEqualTo(recursive);
  }

  /** What placement computed with JGraphT, kept here as the reference for the order. */
  private static int[][] reference(CallGraph graph, boolean[] recursive) {
    Graph<Integer, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int v = 0; v < graph.size(); v++) {
      g.addVertex(v);
    }
    for (int s = 0; s < graph.sites.length; s++) {
      if (graph.siteCaller[s] == graph.siteCallee[s]) {
        recursive[graph.siteCaller[s]] = true;
      }
      g.addEdge(graph.siteCaller[s], graph.siteCallee[s]);
    }
    Comparator<Graph<Integer, DefaultEdge>> byFirstMember =
        Comparator.comparingInt(
            c -> c.vertexSet().stream().mapToInt(Integer::intValue).min().orElse(0));
    List<int[]> ordered = new ArrayList<>();
    new TopologicalOrderIterator<>(
            new KosarajuStrongConnectivityInspector<>(g).getCondensation(), byFirstMember)
        .forEachRemaining(
            c -> {
              int[] component =
                  c.vertexSet().stream().mapToInt(Integer::intValue).sorted().toArray();
              if (component.length > 1) {
                for (int member : component) {
                  recursive[member] = true;
                }
              }
              ordered.add(component);
            });
    return ordered.toArray(int[][]::new);
  }

  /** Random calls in both directions, so that cycles of every size nest and share callees. */
  private static PlacementProblem cyclic(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MethodNode> methods = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      methods.add(method(i));
    }
    List<CallSite> sites = new ArrayList<>();
    for (int caller = 0; caller < size; caller++) {
      int calls = random.nextInt(4);
      for (int c = 0; c < calls; c++) {
        int callee =
            random.nextDouble() < 0.2
                ? random.nextInt(size)
                : Math.min(size - 1, caller + 1 + random.nextInt(10));
        sites.add(new CallSite(key(caller), key(callee), c, 0, false));
      }
    }
    return PlacementProblem.of(methods, sites, Set.of(key(0)));
  }

  private static MethodNode method(int i) {
    return MethodNode.builder("cyc.C", "m" + i, "()V").estimates(10, 0, 16).build();
  }

  private static String key(int i) {
    return MethodNode.keyOf("cyc.C", "m" + i, "()V");
  }
}
