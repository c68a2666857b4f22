package dev.farcall.heuristics.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Wraps the origin interpreter inside {@code <clinit>} to record which calls and static reads each
 * static field's initial value depends on (data flow, stores into fresh and static objects, and
 * control flow: branches and calls inside try blocks). Owns that bookkeeping: the sources (numbered
 * once, so their bits keep their meaning from round to round), each field's dependencies, the
 * control dependencies and those of whatever was stored into the heap.
 */
final class ClinitDependencies extends Interpreter<OriginValue> {

  private final OriginInterpreter inner;
  private final ProgramIndex program;
  private final MethodNode method;

  /** Which instructions lie inside a try block. */
  private final boolean[] inTry;

  private final Map<String, Long> fieldDeps = new HashMap<>();
  private final Map<Integer, Integer> sourceIds = new HashMap<>();
  private final List<Object> sources = new java.util.ArrayList<>();
  private long heapDeps;
  private long controlDeps;

  ClinitDependencies(OriginInterpreter inner, ProgramIndex program, MethodNode method) {
    super(Opcodes.ASM9);
    this.inner = inner;
    this.program = program;
    this.method = method;
    inTry = new boolean[method.instructions.size()];
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      int end = method.instructions.indexOf(block.end);
      for (int i = method.instructions.indexOf(block.start); i < end; i++) {
        inTry[i] = true;
      }
    }
  }

  /**
   * Forgets the last round's field and control dependencies; {@code heap} is what the last round
   * found stored into the heap (a load may come before the store it reads).
   */
  void startRound(long heap) {
    fieldDeps.clear();
    controlDeps = 0;
    heapDeps = heap;
  }

  /** The dependencies of everything stored into the heap so far. */
  long heapDeps() {
    return heapDeps;
  }

  /** Stores the dependencies on the {@code <clinit>}'s node. */
  void storeOn(Node node) {
    node.clinitFieldDeps = Map.copyOf(fieldDeps);
    node.clinitControlDeps = controlDeps;
    node.clinitSources = List.copyOf(sources);
  }

  private long source(AbstractInsnNode insn, Object what) {
    int index = method.instructions.indexOf(insn);
    Integer id = sourceIds.get(index);
    if (id == null) {
      id = sources.size();
      sourceIds.put(index, id);
      sources.add(what);
    }
    return 1L << Math.min(id, 63);
  }

  private void fieldDepends(String field, long deps) {
    if (field != null) {
      fieldDeps.merge(field, deps, (a, b) -> a | b);
    }
  }

  @Override
  public OriginValue newValue(Type type) {
    return inner.newValue(type);
  }

  @Override
  public OriginValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
    return inner.newParameterValue(isInstanceMethod, local, type);
  }

  @Override
  public OriginValue newEmptyValue(int local) {
    return inner.newEmptyValue(local);
  }

  @Override
  public OriginValue newExceptionValue(
      TryCatchBlockNode tryCatch, Frame<OriginValue> handlerFrame, Type exceptionType) {
    return inner.newExceptionValue(tryCatch, handlerFrame, exceptionType);
  }

  @Override
  public OriginValue newOperation(AbstractInsnNode insn) {
    OriginValue v = inner.newOperation(insn);
    if (insn.getOpcode() == Opcodes.GETSTATIC) {
      FieldInsnNode f = (FieldInsnNode) insn;
      if (program.isProgram(f.owner)) {
        return v.withDeps(source(insn, OriginInterpreter.fieldKey(program, f)));
      }
    }
    return v;
  }

  @Override
  public OriginValue copyOperation(AbstractInsnNode insn, OriginValue value) {
    return value;
  }

  @Override
  public OriginValue unaryOperation(AbstractInsnNode insn, OriginValue value) {
    OriginValue r = inner.unaryOperation(insn, value);
    int op = insn.getOpcode();
    if (op == Opcodes.PUTSTATIC) {
      fieldDepends(
          OriginInterpreter.fieldKey(program, (FieldInsnNode) insn),
          value.deps | (value.reference ? heapDeps : 0));
    } else if (r == null) {
      controlDeps |= value.deps; // branches, switches, throw
    }
    if (r == null) {
      return null;
    }
    return r.withDeps(value.deps | (op == Opcodes.GETFIELD ? heapDeps : 0));
  }

  @Override
  public OriginValue binaryOperation(AbstractInsnNode insn, OriginValue v1, OriginValue v2) {
    OriginValue r = inner.binaryOperation(insn, v1, v2);
    int op = insn.getOpcode();
    long deps = v1.deps | v2.deps;
    if (op == Opcodes.PUTFIELD) {
      heapDeps |= deps;
      if ((v1.mask & Origins.STATIC) != 0) {
        fieldDepends(v1.staticField, deps);
      }
      return null;
    }
    if (r == null) {
      controlDeps |= deps;
      return null;
    }
    boolean arrayLoad = op >= Opcodes.IALOAD && op <= Opcodes.SALOAD;
    return r.withDeps(deps | (arrayLoad ? heapDeps : 0));
  }

  @Override
  public OriginValue ternaryOperation(
      AbstractInsnNode insn, OriginValue array, OriginValue index, OriginValue value) {
    inner.ternaryOperation(insn, array, index, value);
    long deps = array.deps | index.deps | value.deps;
    heapDeps |= deps;
    if ((array.mask & Origins.STATIC) != 0) {
      fieldDepends(array.staticField, deps);
    }
    return null;
  }

  @Override
  public OriginValue naryOperation(AbstractInsnNode insn, List<? extends OriginValue> values) {
    OriginValue r = inner.naryOperation(insn, values);
    long deps = 0;
    boolean references = false;
    for (OriginValue v : values) {
      deps |= v.deps;
      references |= v.reference;
    }
    if (insn instanceof MethodInsnNode || insn instanceof InvokeDynamicInsnNode) {
      long self = source(insn, method.instructions.indexOf(insn));
      deps |= self;
      if (inTry[method.instructions.indexOf(insn)]) {
        controlDeps |= self;
      }
      if (references) {
        heapDeps |= deps;
      }
    }
    return r == null ? null : r.withDeps(deps);
  }

  @Override
  public void returnOperation(AbstractInsnNode insn, OriginValue value, OriginValue expected) {
    inner.returnOperation(insn, value, expected);
  }

  @Override
  public OriginValue merge(OriginValue value1, OriginValue value2) {
    return value1.merge(value2);
  }
}
