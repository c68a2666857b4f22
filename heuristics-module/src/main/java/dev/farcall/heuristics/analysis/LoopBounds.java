package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.analysis.StackValues.Affine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * The loops of one method body and how often each runs per entry, read from the bytecode.
 *
 * <p>A loop is the range from a backward jump's target (its header) to the last backward jump to
 * it. Its trip count is known when the code fixes it: a counted loop whose variable starts at a
 * constant, or at a local plus a constant, moves by a constant step exactly once per iteration, and
 * is compared with a bound that is a constant, or the same local plus a constant, which the loop
 * never writes ({@code for (int i = 0; i < 1000; i++)} runs 1000 times; so does {@code for (long n
 * = from; n < from + 1000; n++)}). The test may be at the top (javac) or at the bottom, and the
 * loop may not leave any other way ({@code break}, {@code return}). Every other loop's count is
 * unknown: it depends on parameters or on data (a candidate for trial calls, not a tiny loop).
 *
 * <p>For every instruction the result gives the product of the known trip counts of the loops
 * around it and the number of loops around it whose count is unknown.
 */
final class LoopBounds {

  /** Instructions a counted loop's test may span: loads, constants, one addition, a compare. */
  private static final int MAX_TEST_LENGTH = 8;

  /** How deep loops nest at each instruction. */
  final int[] depth;

  /** Product of the known trip counts of the loops around each instruction (1 outside loops). */
  final double[] knownIterations;

  /** Loops around each instruction whose trip count is unknown. */
  final int[] unknownLoops;

  private final InsnList code;
  private final AbstractInsnNode[] insns;
  private final StackValues values;

  private LoopBounds(MethodNode method) {
    code = method.instructions;
    insns = code.toArray();
    values = new StackValues(insns);
    int size = insns.length;
    depth = new int[size];
    knownIterations = new double[size];
    unknownLoops = new int[size];
    java.util.Arrays.fill(knownIterations, 1);
    for (Map.Entry<Integer, Integer> loop : loops().entrySet()) {
      int header = loop.getKey();
      int end = loop.getValue();
      OptionalLong trips = trips(header, end);
      for (int i = header; i <= end; i++) {
        depth[i]++;
        if (trips.isPresent()) {
          knownIterations[i] *= trips.getAsLong();
        } else {
          unknownLoops[i]++;
        }
      }
    }
  }

  /** The loops of a method body. */
  static LoopBounds of(MethodNode method) {
    return new LoopBounds(method);
  }

  /** The deepest nesting in the body. */
  int maxDepth() {
    int max = 0;
    for (int d : depth) {
      max = Math.max(max, d);
    }
    return max;
  }

  /**
   * Instructions one call of the body executes, by the number of loops of unknown count around
   * them: element k counts the instructions inside k such loops, each weighted by the known trip
   * counts around it.
   */
  List<Double> executionsByUnknownLoops() {
    double[] terms = new double[1];
    for (int i = 0; i < insns.length; i++) {
      if (insns[i].getOpcode() < 0) {
        continue;
      }
      int k = unknownLoops[i];
      if (k >= terms.length) {
        terms = java.util.Arrays.copyOf(terms, k + 1);
      }
      terms[k] += knownIterations[i];
    }
    List<Double> result = new ArrayList<>(terms.length);
    for (double term : terms) {
      result.add(term);
    }
    return result;
  }

  /** Header index → index of the last backward jump to it. */
  private Map<Integer, Integer> loops() {
    Map<Integer, Integer> loopEnds = new HashMap<>();
    for (int index = 0; index < insns.length; index++) {
      for (LabelNode label : targets(insns[index])) {
        int target = code.indexOf(label);
        if (target <= index) {
          loopEnds.merge(target, index, Math::max);
        }
      }
    }
    return loopEnds;
  }

  private static List<LabelNode> targets(AbstractInsnNode insn) {
    if (insn instanceof JumpInsnNode j) {
      return List.of(j.label);
    }
    if (insn instanceof TableSwitchInsnNode t) {
      List<LabelNode> all = new ArrayList<>(t.labels);
      all.add(t.dflt);
      return all;
    }
    if (insn instanceof LookupSwitchInsnNode l) {
      List<LabelNode> all = new ArrayList<>(l.labels);
      all.add(l.dflt);
      return all;
    }
    return List.of();
  }

  // ------------------------------------------------------------------ trip counts

  /** A comparison under which the loop goes on: {@code left op right}. */
  private record Test(Affine left, int op, Affine right) {}

  private OptionalLong trips(int header, int end) {
    if (leavesOtherwise(header, end)) {
      return OptionalLong.empty();
    }
    Test test = topTest(header, end);
    if (test == null) {
      test = bottomTest(header, end);
    }
    return test == null ? OptionalLong.empty() : count(test, header, end);
  }

  /** Whether the loop has an exit besides its test: a return, a throw or a second jump out. */
  private boolean leavesOtherwise(int header, int end) {
    int exits = 0;
    for (int i = header; i <= end; i++) {
      int opcode = insns[i].getOpcode();
      if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW) {
        return true;
      }
      for (LabelNode label : targets(insns[i])) {
        int target = code.indexOf(label);
        if (target < header || target > end) {
          exits++;
        }
      }
    }
    return exits > 1;
  }

  /** javac's shape: the header tests and jumps out; the last instruction jumps back. */
  private Test topTest(int header, int end) {
    if (insns[end].getOpcode() != Opcodes.GOTO) {
      return null;
    }
    int first = values.nextReal(header);
    for (int i = first; i < end && i - first < MAX_TEST_LENGTH; i++) {
      if (insns[i] instanceof JumpInsnNode jump && jump.getOpcode() != Opcodes.GOTO) {
        int target = code.indexOf(jump.label);
        if (target <= end) {
          return null;
        }
        Test leaves = test(i);
        return leaves != null && leaves.left().start() == first
            ? new Test(leaves.left(), negate(leaves.op()), leaves.right())
            : null;
      }
    }
    return null;
  }

  /** The other shape: entry jumps to a test at the bottom, which jumps back while it holds. */
  private Test bottomTest(int header, int end) {
    if (!(insns[end] instanceof JumpInsnNode back) || back.getOpcode() == Opcodes.GOTO) {
      return null;
    }
    int entry = values.previousReal(header);
    if (entry < 0
        || !(insns[entry] instanceof JumpInsnNode enter)
        || enter.getOpcode() != Opcodes.GOTO) {
      return null;
    }
    Test goesOn = test(end);
    return goesOn != null && goesOn.left().start() == values.nextReal(code.indexOf(enter.label))
        ? goesOn
        : null;
  }

  /** The comparison a conditional jump at {@code jump} makes (jumping when it holds). */
  private Test test(int jump) {
    int opcode = insns[jump].getOpcode();
    if (opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ICMPLE) {
      Affine right = values.before(jump);
      Affine left = right == null ? null : values.before(right.start());
      return left == null ? null : new Test(left, opcode - Opcodes.IF_ICMPEQ, right);
    }
    if (opcode >= Opcodes.IFEQ && opcode <= Opcodes.IFLE) {
      int before = values.previousReal(jump);
      if (before >= 0 && insns[before].getOpcode() == Opcodes.LCMP) {
        Affine right = values.before(before);
        Affine left = right == null ? null : values.before(right.start());
        return left == null ? null : new Test(left, opcode - Opcodes.IFEQ, right);
      }
      Affine left = values.before(jump);
      return left == null ? null : new Test(left, opcode - Opcodes.IFEQ, new Affine(-1, 0, jump));
    }
    return null;
  }

  private static final int EQ = 0;
  private static final int NE = 1;
  private static final int LT = 2;
  private static final int GE = 3;
  private static final int GT = 4;
  private static final int LE = 5;

  private static int negate(int op) {
    return switch (op) {
      case EQ -> NE;
      case NE -> EQ;
      case LT -> GE;
      case GE -> LT;
      case GT -> LE;
      default -> GT;
    };
  }

  private static int mirror(int op) {
    return switch (op) {
      case LT -> GT;
      case GT -> LT;
      case LE -> GE;
      case GE -> LE;
      default -> op;
    };
  }

  private OptionalLong count(Test test, int header, int end) {
    Test t = test;
    OptionalLong step = step(t.left().local(), header, end);
    if (step.isEmpty() || t.left().offset() != 0) {
      t = new Test(test.right(), mirror(test.op()), test.left());
      step = step(t.left().local(), header, end);
      if (step.isEmpty() || t.left().offset() != 0) {
        return OptionalLong.empty();
      }
    }
    int variable = t.left().local();
    Affine bound = t.right();
    Affine start = initialValue(variable, header);
    if (start == null
        || start.local() != bound.local()
        || (bound.local() >= 0 && writes(bound.local(), header, end))) {
      return OptionalLong.empty();
    }
    return trips(bound.offset() - start.offset(), step.getAsLong(), t.op());
  }

  /**
   * Trips of a loop going on while {@code v op v0 + distance}, v starting at v0 and moving by step.
   */
  private static OptionalLong trips(long distance, long step, int op) {
    long trips;
    if (step > 0 && op == LT) {
      trips = Math.floorDiv(distance + step - 1, step);
    } else if (step > 0 && op == LE) {
      trips = Math.floorDiv(distance, step) + 1;
    } else if (step < 0 && op == GT) {
      trips = Math.floorDiv(-distance - step - 1, -step);
    } else if (step < 0 && op == GE) {
      trips = Math.floorDiv(-distance, -step) + 1;
    } else if (op == NE && distance % step == 0 && distance / step >= 0) {
      trips = distance / step;
    } else {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, trips));
  }

  /** The constant the loop adds to {@code local} once per iteration, if that is all it writes. */
  private OptionalLong step(int local, int header, int end) {
    if (local < 0) {
      return OptionalLong.empty();
    }
    long step = 0;
    int writes = 0;
    for (int i = header; i <= end; i++) {
      if (insns[i] instanceof IincInsnNode inc && inc.var == local) {
        step = inc.incr;
        writes++;
      } else if (StackValues.isStore(insns[i], local)) {
        Affine value = values.before(i);
        if (value == null || value.local() != local) {
          return OptionalLong.empty();
        }
        step = value.offset();
        writes++;
      }
    }
    return writes == 1 && step != 0 ? OptionalLong.of(step) : OptionalLong.empty();
  }

  private boolean writes(int local, int header, int end) {
    for (int i = header; i <= end; i++) {
      if (StackValues.isStore(insns[i], local)
          || (insns[i] instanceof IincInsnNode inc && inc.var == local)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value stored to {@code local} just before the loop (straight-line, or across its entry
   * jump).
   */
  private Affine initialValue(int local, int header) {
    int i = values.previousReal(header);
    if (i >= 0 && insns[i].getOpcode() == Opcodes.GOTO) {
      i = values.previousReal(i);
    }
    return i >= 0 && StackValues.isStore(insns[i], local) ? values.before(i) : null;
  }
}
