package dev.farcall.heuristics.analysis;

import java.util.OptionalLong;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Reads, backwards from an instruction, the value the instructions just before it leave on the
 * operand stack, when it is affine in one local: a constant, a local, or a local plus or minus a
 * constant (through {@code i2l}/{@code l2i}). Enough for the tests and steps of counted loops
 * ({@link LoopBounds}); anything else is not read.
 */
final class StackValues {

  /** A value the bytecode computes: {@code local + offset}, or a constant when local is -1. */
  record Affine(int local, long offset, int start) {}

  private final AbstractInsnNode[] insns;

  StackValues(AbstractInsnNode[] insns) {
    this.insns = insns;
  }

  /** The affine value the instructions right before {@code index} leave on the stack, if any. */
  Affine before(int index) {
    int i = previousReal(index);
    if (i < 0) {
      return null;
    }
    AbstractInsnNode insn = insns[i];
    int opcode = insn.getOpcode();
    OptionalLong constant = constant(insn);
    if (constant.isPresent()) {
      return new Affine(-1, constant.getAsLong(), i);
    }
    switch (opcode) {
      case Opcodes.ILOAD, Opcodes.LLOAD -> {
        return new Affine(((VarInsnNode) insn).var, 0, i);
      }
      case Opcodes.I2L, Opcodes.L2I -> {
        Affine inner = before(i);
        return inner == null ? null : new Affine(inner.local(), inner.offset(), inner.start());
      }
      case Opcodes.IADD, Opcodes.LADD, Opcodes.ISUB, Opcodes.LSUB -> {
        Affine right = before(i);
        Affine left = right == null ? null : before(right.start());
        if (left == null) {
          return null;
        }
        boolean add = opcode == Opcodes.IADD || opcode == Opcodes.LADD;
        if (right.local() < 0) {
          return new Affine(
              left.local(),
              add ? left.offset() + right.offset() : left.offset() - right.offset(),
              left.start());
        }
        return add && left.local() < 0
            ? new Affine(right.local(), right.offset() + left.offset(), left.start())
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static OptionalLong constant(AbstractInsnNode insn) {
    int opcode = insn.getOpcode();
    if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
      return OptionalLong.of(opcode - Opcodes.ICONST_0);
    }
    if (opcode == Opcodes.LCONST_0 || opcode == Opcodes.LCONST_1) {
      return OptionalLong.of(opcode - Opcodes.LCONST_0);
    }
    if (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) {
      return OptionalLong.of(((IntInsnNode) insn).operand);
    }
    if (insn instanceof LdcInsnNode ldc) {
      if (ldc.cst instanceof Integer n) {
        return OptionalLong.of(n);
      }
      if (ldc.cst instanceof Long n) {
        return OptionalLong.of(n);
      }
    }
    return OptionalLong.empty();
  }

  static boolean isStore(AbstractInsnNode insn, int local) {
    int opcode = insn.getOpcode();
    return (opcode == Opcodes.ISTORE || opcode == Opcodes.LSTORE)
        && ((VarInsnNode) insn).var == local;
  }

  int previousReal(int index) {
    int i = index - 1;
    while (i >= 0 && insns[i].getOpcode() < 0) {
      i--;
    }
    return i;
  }

  int nextReal(int index) {
    int i = index;
    while (i < insns.length && insns[i].getOpcode() < 0) {
      i++;
    }
    return i;
  }
}
