package dev.farcall.heuristics.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules every built-in heuristic shares; a subclass only decides the movable methods that are
 * called from home and not overridden.
 *
 * <p>Methods are visited callers first (components of the call graph in topological order), so when
 * a method is decided it is known which of its callers run at home. Then:
 *
 * <ol>
 *   <li>pinned or not movable → PINNED with the analysis' reason;
 *   <li>an entry point → LOCAL (it runs at home);
 *   <li>every caller runs remotely → LOCAL, "runs inside remote X" (only the outermost call moves);
 *   <li>an override LOCAL or REMOTE → that decision;
 *   <li>otherwise the subclass's {@link AutoChooser} decides.
 * </ol>
 *
 * <p>A method runs at home when it is a root, or it is not REMOTE and some caller runs at home. A
 * method is called concurrently when a call from home sits in a concurrent context, or its caller
 * is itself called concurrently.
 */
abstract class AbstractPlacement implements PlacementHeuristic {
  private final List<TunableDescriptor> parameters;

  AbstractPlacement(List<TunableDescriptor> ownParameters) {
    List<TunableDescriptor> all = new ArrayList<>(ownParameters);
    all.addAll(CostParameters.DESCRIPTORS);
    this.parameters = List.copyOf(all);
  }

  @Override
  public final List<TunableDescriptor> parameters() {
    return parameters;
  }

  @Override
  public final PlacementPlan place(PlacementProblem problem, Tunables tunables) {
    Tunables checked =
        tunables.descriptors().equals(parameters)
            ? tunables
            : Tunables.of(parameters, tunables.givenValues());
    rejectRemoteOverridesOnMethodsThatStayHome(problem);
    CallGraph graph = CallGraph.of(problem);
    StaticCostModel cost = StaticCostModel.of(graph, CostParameters.from(checked));
    AutoChooser chooser = prepare(graph, cost, checked);
    return new PlacementPlan(name(), checked.values(), new Pass(graph, cost, chooser).run());
  }

  /**
   * Prepares the decision of movable methods called from home for one problem (e.g. computes a
   * global cut) and returns it.
   */
  abstract AutoChooser prepare(CallGraph graph, StaticCostModel cost, Tunables tunables);

  /** Decides a movable, not overridden method that is called from home. */
  interface AutoChooser {
    /**
     * @param method the method's id in the graph
     * @param concurrent whether a call from home reaches it in a concurrent context
     * @param concurrentOrigin display name of the method whose concurrent call reaches it (empty
     *     when not concurrent)
     */
    Choice choose(int method, boolean concurrent, String concurrentOrigin);
  }

  /** A decision and its reason. */
  record Choice(Decision decision, String reason) {}

  private static void rejectRemoteOverridesOnMethodsThatStayHome(PlacementProblem problem) {
    Map<String, String> rejected = new TreeMap<>();
    for (MethodNode method : problem.methods()) {
      if (problem.overrides().get(method.key()) == OverrideMode.REMOTE && method.staysHome()) {
        rejected.put(method.key(), "cannot run remotely: " + method.homeReason());
      }
    }
    if (!rejected.isEmpty()) {
      throw new OverrideRejectedException(rejected);
    }
  }

  /** One walk over the graph, callers first. */
  private static final class Pass {
    private final CallGraph graph;
    private final StaticCostModel cost;
    private final AutoChooser chooser;
    private final Choice[] choices;
    private final boolean[] decided;
    private final boolean[] runsHome;
    private final boolean[] concurrent;
    private final String[] concurrentOrigin;

    /** The outermost REMOTE method a method runs inside, or null when it runs at home. */
    private final String[] insideRemote;

    Pass(CallGraph graph, StaticCostModel cost, AutoChooser chooser) {
      this.graph = graph;
      this.cost = cost;
      this.chooser = chooser;
      int n = graph.size();
      choices = new Choice[n];
      decided = new boolean[n];
      runsHome = new boolean[n];
      concurrent = new boolean[n];
      concurrentOrigin = new String[n];
      insideRemote = new String[n];
    }

    List<MethodPlacement> run() {
      for (int[] component : graph.componentsTopological) {
        if (component.length == 1) {
          int m = component[0];
          if (graph.root[m] || hasCallerAtHome(m)) {
            decideCalledFromHome(m);
          } else {
            decideNotCalledFromHome(m);
          }
        } else {
          decideCycle(component);
        }
      }
      List<MethodPlacement> placements = new ArrayList<>();
      for (int m = 0; m < graph.size(); m++) {
        if (graph.reached[m]) {
          MethodNode method = graph.methods[m];
          placements.add(
              new MethodPlacement(
                  method.key(),
                  method.className(),
                  method.methodName(),
                  method.descriptor(),
                  choices[m].decision(),
                  choices[m].reason(),
                  cost.estimates(m)));
        }
      }
      return placements;
    }

    /** Members reached from home through other members are decided once those are. */
    private void decideCycle(int[] members) {
      boolean progress = true;
      while (progress) {
        progress = false;
        for (int m : members) {
          if (!decided[m] && (graph.root[m] || hasCallerAtHome(m))) {
            decideCalledFromHome(m);
            progress = true;
          }
        }
      }
      progress = true;
      while (progress) {
        progress = false;
        for (int m : members) {
          if (!decided[m] && remoteAncestor(m) != null) {
            decideNotCalledFromHome(m);
            progress = true;
          }
        }
      }
      for (int m : members) {
        if (!decided[m]) {
          decideNotCalledFromHome(m);
        }
      }
    }

    private boolean hasCallerAtHome(int m) {
      for (int s : graph.inSites[m]) {
        if (runsHome[graph.siteCaller[s]]) {
          return true;
        }
      }
      return false;
    }

    private String remoteAncestor(int m) {
      for (int s : graph.inSites[m]) {
        String outer = insideRemote[graph.siteCaller[s]];
        if (outer != null) {
          return outer;
        }
      }
      return null;
    }

    private void decideCalledFromHome(int m) {
      MethodNode method = graph.methods[m];
      if (!graph.root[m]) {
        for (int s : graph.inSites[m]) {
          int caller = graph.siteCaller[s];
          if (runsHome[caller] && (graph.sites[s].concurrent() || concurrent[caller])) {
            concurrent[m] = true;
            concurrentOrigin[m] =
                graph.sites[s].concurrent()
                    ? graph.methods[caller].displayName()
                    : concurrentOrigin[caller];
            break;
          }
        }
      }
      Choice choice;
      if (method.staysHome()) {
        choice = pinned(method);
      } else if (graph.entry[m] || graph.root[m]) {
        choice = new Choice(Decision.LOCAL, "entry point: runs at home");
      } else if (graph.override[m] == OverrideMode.LOCAL) {
        choice = new Choice(Decision.LOCAL, "override LOCAL");
      } else if (graph.override[m] == OverrideMode.REMOTE) {
        choice = new Choice(Decision.REMOTE, "override REMOTE");
      } else {
        choice = chooser.choose(m, concurrent[m], concurrent[m] ? concurrentOrigin[m] : "");
      }
      choices[m] = choice;
      decided[m] = true;
      boolean remote = choice.decision() == Decision.REMOTE;
      runsHome[m] = !remote;
      insideRemote[m] = remote ? method.displayName() : null;
    }

    private void decideNotCalledFromHome(int m) {
      MethodNode method = graph.methods[m];
      String outer = remoteAncestor(m);
      Choice choice;
      if (method.staysHome()) {
        choice = pinned(method);
      } else if (graph.override[m] == OverrideMode.REMOTE) {
        choice =
            new Choice(
                Decision.REMOTE,
                "override REMOTE (every caller already runs remotely, so calls run inside them)");
      } else if (outer != null) {
        choice = new Choice(Decision.LOCAL, "runs inside remote " + outer);
      } else {
        choice = new Choice(Decision.LOCAL, "not reached from an entry point: stays local");
      }
      choices[m] = choice;
      decided[m] = true;
      runsHome[m] = false;
      insideRemote[m] = outer;
    }

    private static Choice pinned(MethodNode method) {
      String prefix = method.pinned() ? "pinned: " : "not movable: ";
      return new Choice(Decision.PINNED, prefix + method.homeReason());
    }
  }
}
