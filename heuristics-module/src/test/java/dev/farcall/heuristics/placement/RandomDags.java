package dev.farcall.heuristics.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random acyclic problems with every flag drawn independently, including combinations analysis
 * would not produce (a movable caller of a pinned method), so the rules are tested on their own.
 */
final class RandomDags {
  private RandomDags() {}

  static PlacementProblem generate(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MethodNode> methods = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      MethodNode.Builder builder =
          MethodNode.builder("rnd.C" + (i % 5), "m" + i, "(I)I")
              .estimates(
                  (int) Math.pow(10, random.nextDouble() * 5),
                  random.nextInt(4),
                  (long) Math.pow(10, random.nextDouble() * 6));
      double flag = random.nextDouble();
      if (i == 0 || flag < 0.15) {
        builder.pinned("IO: m" + i + " -> java.io.PrintStream.println");
      } else if (flag < 0.3) {
        builder.notMovable("ARG_MUTATION: m" + i + " writes argument 0");
      } else {
        builder.remoteHint(random.nextDouble() < 0.1);
      }
      methods.add(builder.build());
    }
    List<CallSite> sites = new ArrayList<>();
    for (int callee = 1; callee < size; callee++) {
      int callers = 1 + random.nextInt(3);
      for (int c = 0; c < callers; c++) {
        int caller = random.nextInt(callee);
        sites.add(
            new CallSite(
                methods.get(caller).key(),
                methods.get(callee).key(),
                c * 10 + random.nextInt(10),
                random.nextInt(3),
                random.nextDouble() < 0.3));
      }
    }
    return PlacementProblem.of(methods, sites, Set.of(methods.get(0).key()));
  }
}
