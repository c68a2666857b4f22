package dev.farcall.heuristics.placement.synthetic;

import dev.farcall.heuristics.placement.CallSite;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.PlacementProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates layered call graphs shaped like real programs.
 *
 * <ul>
 *   <li>one entry point {@code syn.Main#main([Ljava/lang/String;)V} (pinned: it prints) in layer 0;
 *       deeper layers hold more methods (utilities outnumber drivers);
 *   <li>each method calls 1–5 methods (mean about 2.5), mostly in the next layer, some further
 *       down; about 20% of sites sit in loops; calls from the top three layers are concurrent
 *       (parallel streams, executors) now and then, half of {@code main}'s calls are;
 *   <li>about 20% of the top three layers do I/O and are pinned, and so is every method that calls
 *       one (with the evidence chain as the reason); about 8% of methods are not movable for
 *       argument mutation; 2% of movable ones carry {@code @Remote};
 *   <li>about 5% of methods are heavy (thousands of instructions in nested loops), the rest small;
 *   <li>about 1% of deep methods recurse, directly or through a method one layer up.
 * </ul>
 *
 * <p>The same size and seed always give the same problem.
 */
public final class SyntheticProblems {
  /** Key of the generated entry point. */
  public static final String MAIN = "syn.Main#main([Ljava/lang/String;)V";

  private static final String[] DESCRIPTORS = {
    "(I)J", "([D)D", "(Ljava/lang/String;)I", "(JJ)J", "([I)[I", "(Ljava/util/List;)D"
  };

  private SyntheticProblems() {}

  /**
   * A problem with {@code methods} methods.
   *
   * @param methods how many methods, at least 2
   * @param seed the random seed
   */
  public static PlacementProblem generate(int methods, long seed) {
    if (methods < 2) {
      throw new IllegalArgumentException("need at least 2 methods, was " + methods);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int layers =
        Math.min(methods, Math.max(2, Math.min(12, (int) Math.round(2 * Math.log10(methods)) + 2)));
    int[] layerOf = assignLayers(methods, layers);
    int[] layerStart = new int[layers + 1];
    for (int m = 0; m < methods; m++) {
      layerStart[layerOf[m] + 1] = m + 1;
    }
    for (int l = 1; l <= layers; l++) {
      layerStart[l] = Math.max(layerStart[l], layerStart[l - 1]);
    }

    List<List<int[]>> calls = new ArrayList<>(); // per caller: {callee, loopDepth, concurrent}
    for (int m = 0; m < methods; m++) {
      calls.add(new ArrayList<>());
    }
    for (int m = 0; m < methods; m++) {
      int layer = layerOf[m];
      if (layer == layers - 1) {
        continue;
      }
      int fanOut = m == 0 ? Math.min(10, layerStart[2] - layerStart[1]) : 1 + geometric(random);
      for (int i = 0; i < fanOut; i++) {
        int target =
            random.nextDouble() < 0.8 || layer + 2 >= layers
                ? layer + 1
                : layer + 2 + random.nextInt(layers - layer - 2);
        int width = layerStart[target + 1] - layerStart[target];
        if (width == 0) {
          continue;
        }
        int callee = layerStart[target] + random.nextInt(width);
        int loopDepth = random.nextDouble() < 0.8 ? 0 : random.nextDouble() < 0.85 ? 1 : 2;
        boolean concurrent =
            m == 0 ? random.nextBoolean() : layer <= 2 && random.nextDouble() < 0.05;
        calls.get(m).add(new int[] {callee, loopDepth, concurrent ? 1 : 0});
      }
      if (layer >= 3 && random.nextDouble() < 0.01) {
        // recursion only below the layers with I/O, so pinning can be decided callees first
        boolean self = layer == 3 || random.nextBoolean();
        int callee =
            self
                ? m
                : layerStart[layer - 1] + random.nextInt(layerStart[layer] - layerStart[layer - 1]);
        calls.get(m).add(new int[] {callee, 0, 0});
      }
    }

    String[] className = new String[methods];
    String[] methodName = new String[methods];
    String[] descriptor = new String[methods];
    className[0] = "syn.Main";
    methodName[0] = "main";
    descriptor[0] = "([Ljava/lang/String;)V";
    for (int m = 1; m < methods; m++) {
      className[m] = "syn.l" + layerOf[m] + ".C" + (m / 8);
      methodName[m] = "m" + m;
      descriptor[m] = DESCRIPTORS[random.nextInt(DESCRIPTORS.length)];
    }

    // I/O near the top, and every caller of a pinned method is pinned too (effects are transitive)
    String[] pinnedReason = new String[methods];
    pinnedReason[0] = "IO: Main.main -> java.io.PrintStream.println";
    for (int m = methods - 1; m > 0; m--) {
      if (layerOf[m] <= 2 && random.nextDouble() < 0.2) {
        pinnedReason[m] =
            "IO: " + simple(className[m], methodName[m]) + " -> java.io.PrintStream.println";
      }
      for (int[] call : calls.get(m)) {
        if (pinnedReason[m] == null && call[0] != m && pinnedReason[call[0]] != null) {
          pinnedReason[m] = chain(simple(className[m], methodName[m]), pinnedReason[call[0]]);
        }
      }
    }

    List<MethodNode> nodes = new ArrayList<>(methods);
    for (int m = 0; m < methods; m++) {
      boolean heavy = random.nextDouble() < 0.05;
      int instructions = heavy ? 2_000 + random.nextInt(18_000) : 5 + random.nextInt(300);
      int loopDepth = heavy ? 2 + random.nextInt(2) : random.nextDouble() < 0.8 ? 0 : 1;
      long bytes = (long) (16 * Math.pow(2, random.nextDouble() * 16));
      MethodNode.Builder builder =
          MethodNode.builder(className[m], methodName[m], descriptor[m])
              .estimates(instructions, loopDepth, bytes);
      if (pinnedReason[m] != null) {
        builder.pinned(pinnedReason[m]);
      } else if (random.nextDouble() < 0.08) {
        builder.notMovable(
            "ARG_MUTATION: " + simple(className[m], methodName[m]) + " writes argument 0");
      } else {
        builder.remoteHint(random.nextDouble() < 0.02);
      }
      nodes.add(builder.build());
    }

    List<CallSite> sites = new ArrayList<>();
    for (int m = 0; m < methods; m++) {
      int offset = 0;
      for (int[] call : calls.get(m)) {
        offset += 3 + random.nextInt(20);
        sites.add(
            new CallSite(
                nodes.get(m).key(), nodes.get(call[0]).key(), offset, call[1], call[2] == 1));
      }
    }
    return PlacementProblem.of(nodes, sites, Set.of(MAIN));
  }

  /** Layer 0 holds only main; layer l gets a share of the rest proportional to l. */
  private static int[] assignLayers(int methods, int layers) {
    int[] layerOf = new int[methods];
    int rest = methods - 1;
    int weights = (layers - 1) * layers / 2;
    int m = 1;
    for (int l = 1; l < layers; l++) {
      int count = l == layers - 1 ? methods - m : Math.max(1, (int) ((long) rest * l / weights));
      for (int i = 0; i < count && m < methods; i++) {
        layerOf[m++] = l;
      }
    }
    while (m < methods) {
      layerOf[m++] = layers - 1;
    }
    return layerOf;
  }

  private static int geometric(SplittableRandom random) {
    int extra = 0;
    while (extra < 4 && random.nextDouble() < 0.6) {
      extra++;
    }
    return extra;
  }

  private static String simple(String className, String methodName) {
    return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
  }

  private static String chain(String caller, String calleeReason) {
    int colon = calleeReason.indexOf(": ");
    return calleeReason.substring(0, colon + 2)
        + caller
        + " -> "
        + calleeReason.substring(colon + 2);
  }
}
