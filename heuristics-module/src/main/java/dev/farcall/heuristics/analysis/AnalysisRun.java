package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.jar.ProgramClasses;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;

/**
 * One analysis of one program: the state and the phases (internal to {@link JarAnalyzer}). Each
 * phase has a class of its own: {@link ProgramInput}, {@link CallGraphBuilder}, {@link
 * MethodSummaries}, {@link EffectPropagation} and {@link Verdicts}; this class runs them in order
 * and marks what runs concurrently.
 */
final class AnalysisRun {

  private final ProgramClasses input;
  private final AnalysisOptions options;
  private final JdkTypes jdk = new JdkTypes();
  private final Map<MethodId, Node> nodes = new LinkedHashMap<>();
  private final List<Node> programNodes = new ArrayList<>();
  private Map<String, ClassNode> classes;
  private ProgramIndex program;

  AnalysisRun(ProgramClasses input, AnalysisOptions options) {
    this.input = input;
    this.options = options;
  }

  ProgramModel run() {
    long start = System.nanoTime();
    classes = ProgramInput.readClasses(input, jdk);
    Declarations declarations = ProgramInput.readDeclarations(input, options.declarations());
    program = new ProgramIndex(classes, jdk);
    ProgramInput.createProgramNodes(classes.values(), declarations, nodes, programNodes);
    new CallGraphBuilder(program, options.knowledge(), declarations, jdk, nodes)
        .build(programNodes);
    markForkJoinBodies();
    new MethodSummaries(nodes, classes, program).summarise();
    Set<String> mutableStatics = new HashSet<>();
    for (Node n : programNodes) {
      mutableStatics.addAll(n.staticWrites);
    }
    new EffectPropagation(nodes, programNodes, classes, program)
        .propagateWithStatics(mutableStatics);
    markConcurrency();
    List<MethodAnalysis> verdicts =
        new Verdicts(input, options, nodes, programNodes, classes).decide();
    List<CallSite> edges = callSites();
    return new ProgramModel(
        verdicts, edges, classes.size(), Duration.ofNanos(System.nanoTime() - start));
  }

  // ------------------------------------------------------------------ concurrency

  private void markForkJoinBodies() {
    for (Node n : programNodes) {
      if (n.method.name.equals("compute")
          && n.method.desc.startsWith("()")
          && program.supertypesOf(n.owner.name).contains("java/util/concurrent/ForkJoinTask")) {
        n.concurrentBody = true;
      }
    }
  }

  private void markConcurrency() {
    for (Node n : programNodes) {
      for (Edge e : n.out) {
        if (e.kind == CallKind.LAMBDA
            && (n.allLambdasConcurrent || n.concurrentLambdaSites.contains(e.instruction))) {
          e.concurrent = true;
          e.to.concurrentBody = true;
        }
      }
    }
  }

  // ------------------------------------------------------------------ call graph

  private List<CallSite> callSites() {
    List<CallSite> result = new ArrayList<>();
    for (Node n : programNodes) {
      for (Edge e : n.out) {
        boolean inCode = e.instruction >= 0 && e.instruction < n.loopDepthAt.length;
        int depth = inCode ? n.loopDepthAt[e.instruction] : 0;
        result.add(
            new CallSite(
                n.ref,
                e.to.ref,
                e.declared,
                e.kind,
                e.instruction,
                depth,
                n.concurrentBody || e.concurrent,
                !e.to.isProgram(),
                inCode ? n.knownIterationsAt[e.instruction] : 1,
                inCode ? n.unknownLoopsAt[e.instruction] : 0));
      }
    }
    return result;
  }
}
