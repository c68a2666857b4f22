package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Freshness flow inside one method: runs ASM's {@link Analyzer} with an interpreter that tracks
 * where each reference comes from ({@link Origins}) and records, on the {@link Node}, the method's
 * local effects, which of its parameters it mutates (directly or through callees, using their
 * current summaries), what its result may alias, and which static fields it reads and writes.
 *
 * <p>This class owns the rounds: it repeats the analysis until what fresh objects are found to
 * contain (and, in {@code <clinit>}, what the heap's contents depend on) is stable. The
 * instructions' semantics are in {@link OriginInterpreter} and {@link CallFlow}, what a round
 * learns in {@link FlowFacts}, and the dependencies of {@code <clinit>}'s static fields in {@link
 * ClinitDependencies}.
 */
final class MethodFlow {

  private static final int MAX_TAINT_ROUNDS = 4;

  private final Node node;
  private final ProgramIndex program;
  private final MethodNode method;
  private final boolean inClinit;
  private final FlowFacts facts;

  /**
   * @param emptyArrays static fields that only ever hold an empty array (assigned {@code new T[0]}
   *     in {@code <clinit>} and never written elsewhere)
   */
  MethodFlow(Node node, ProgramIndex program, Set<String> emptyArrays) {
    this.node = node;
    this.program = program;
    this.method = node.method;
    this.inClinit = method.name.equals("<clinit>");
    this.facts = new FlowFacts(node, inClinit, emptyArrays);
  }

  /** Runs the flow and stores its results on the node. */
  void run() {
    facts.reset(0, null);
    if (!inClinit && onlyReadsState()) {
      finish(null);
      return;
    }
    long contents = 0;
    String contentsField = null;
    long heap = 0;
    OriginInterpreter origins =
        new OriginInterpreter(node, program, inClinit, facts, new CallFlow(node, program, facts));
    ClinitDependencies deps = inClinit ? new ClinitDependencies(origins, program, method) : null;
    Interpreter<OriginValue> interpreter = deps != null ? deps : origins;
    for (int round = 0; round < MAX_TAINT_ROUNDS; round++) {
      // the static fields behind the contents carry over with them: the next round may read a
      // fresh object's contents before it reaches the store that put a static object there
      facts.reset(contents, contentsField);
      if (deps != null) {
        deps.startRound(heap);
      }
      try {
        new Analyzer<>(interpreter).analyze(node.owner.name, method);
      } catch (AnalyzerException | RuntimeException e) {
        node.localEffects = 0;
        node.addLocalEffect(Effect.UNKNOWN, "bytecode could not be analysed: " + e.getMessage());
        node.mutated = Origins.mutableParams(method.desc, node.isStatic) | Origins.UNKNOWN;
        node.returned = node.mutated;
        return;
      }
      long heapDeps = deps != null ? deps.heapDeps() : 0;
      boolean stable =
          !facts.freshContentRead()
              || (facts.freshContents() == contents
                  && java.util.Objects.equals(facts.freshContentsField(), contentsField));
      if (stable && heapDeps == heap) {
        break;
      }
      contents = facts.freshContents();
      contentsField = facts.freshContentsField();
      heap = heapDeps;
    }
    finish(deps);
  }

  private void finish(ClinitDependencies deps) {
    if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      node.addLocalEffect(
          Effect.THREADS,
          "synchronized method locks " + (node.isStatic ? "its class" : "its receiver"));
    }
    facts.store();
    if (deps != null) {
      deps.storeOn(node);
    }
  }

  /**
   * Whether the method can neither write nor call nor return a reference (so freshness cannot
   * matter): then a scan for static reads replaces the data-flow analysis.
   */
  private boolean onlyReadsState() {
    for (AbstractInsnNode insn : method.instructions) {
      int op = insn.getOpcode();
      if (insn instanceof MethodInsnNode
          || insn instanceof InvokeDynamicInsnNode
          || op == Opcodes.PUTFIELD
          || op == Opcodes.PUTSTATIC
          || op == Opcodes.ARETURN
          || op == Opcodes.MONITORENTER
          || (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE)) {
        return false;
      }
    }
    for (AbstractInsnNode insn : method.instructions) {
      if (insn.getOpcode() == Opcodes.GETSTATIC) {
        FieldInsnNode f = (FieldInsnNode) insn;
        if (program.isProgram(f.owner)) {
          facts.staticRead(OriginInterpreter.fieldKey(program, f));
        }
      }
    }
    return true;
  }
}
