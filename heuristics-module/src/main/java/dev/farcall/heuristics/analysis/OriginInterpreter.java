package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The per-instruction semantics of a {@link MethodFlow}: the {@link OriginValue} each instruction
 * produces (parameters, fresh allocations, static reads, loads from containers), and the local
 * effects of field and array stores, static writes and locks, recorded in the flow's {@link
 * FlowFacts}; calls go to {@link CallFlow}. Holds no state of its own, so one instance serves every
 * round.
 */
final class OriginInterpreter extends Interpreter<OriginValue> {

  private final Node node;
  private final ProgramIndex program;
  private final boolean inClinit;
  private final FlowFacts facts;
  private final CallFlow calls;
  private final int[] paramOfLocal;

  OriginInterpreter(
      Node node, ProgramIndex program, boolean inClinit, FlowFacts facts, CallFlow calls) {
    super(Opcodes.ASM9);
    this.node = node;
    this.program = program;
    this.inClinit = inClinit;
    this.facts = facts;
    this.calls = calls;
    MethodNode method = node.method;
    this.paramOfLocal = new int[Math.max(method.maxLocals, 1) + 1];
    java.util.Arrays.fill(paramOfLocal, -1);
    int local = 0;
    int param = 0;
    if (!node.isStatic) {
      paramOfLocal[local++] = param++;
    }
    for (Type t : Type.getArgumentTypes(method.desc)) {
      if (local < paramOfLocal.length) {
        paramOfLocal[local] = param;
      }
      local += t.getSize();
      param++;
    }
  }

  /** The value of a type with these origins (or null for {@code void}). */
  static OriginValue valueOf(ProgramIndex program, Type type, long mask) {
    switch (type.getSort()) {
      case Type.VOID:
        return null;
      case Type.LONG:
      case Type.DOUBLE:
        return OriginValue.WIDE;
      case Type.OBJECT:
      case Type.ARRAY:
        return program.isImmutable(type) ? OriginValue.INERT : OriginValue.ref(mask);
      default:
        return OriginValue.PRIMITIVE;
    }
  }

  /** The key of a field in static reads and writes: its declaring class, dotted, and name. */
  static String fieldKey(ProgramIndex program, FieldInsnNode f) {
    return program.fieldOwner(f.owner, f.name).replace('/', '.') + "." + f.name;
  }

  private OriginValue valueOf(Type type, long mask) {
    return valueOf(program, type, mask);
  }

  private static String simple(String internal) {
    return internal.substring(internal.lastIndexOf('/') + 1);
  }

  @Override
  public OriginValue newValue(Type type) {
    if (type == null) {
      return OriginValue.UNINITIALIZED;
    }
    return valueOf(type, Origins.UNKNOWN);
  }

  @Override
  public OriginValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
    int param = local < paramOfLocal.length ? paramOfLocal[local] : -1;
    return valueOf(type, param < 0 ? Origins.UNKNOWN : Origins.param(param));
  }

  @Override
  public OriginValue newEmptyValue(int local) {
    return OriginValue.UNINITIALIZED;
  }

  @Override
  public OriginValue newExceptionValue(
      TryCatchBlockNode tryCatch, Frame<OriginValue> handlerFrame, Type exceptionType) {
    // Thrown objects are (nearly always) created during the call: treat as fresh.
    return OriginValue.ref(Origins.FRESH);
  }

  @Override
  public OriginValue newOperation(AbstractInsnNode insn) {
    switch (insn.getOpcode()) {
      case Opcodes.ACONST_NULL:
        return OriginValue.INERT;
      case Opcodes.LCONST_0:
      case Opcodes.LCONST_1:
      case Opcodes.DCONST_0:
      case Opcodes.DCONST_1:
        return OriginValue.WIDE;
      case Opcodes.LDC:
        Object cst = ((LdcInsnNode) insn).cst;
        if (cst instanceof Long || cst instanceof Double) {
          return OriginValue.WIDE;
        }
        if (cst instanceof Integer || cst instanceof Float) {
          return OriginValue.PRIMITIVE;
        }
        if (cst instanceof org.objectweb.asm.ConstantDynamic condy) {
          return valueOf(Type.getType(condy.getDescriptor()), Origins.UNKNOWN);
        }
        return OriginValue.INERT;
      case Opcodes.GETSTATIC:
        {
          FieldInsnNode f = (FieldInsnNode) insn;
          String key = null;
          if (program.isProgram(f.owner)) {
            key = fieldKey(program, f);
            facts.staticRead(key);
          }
          Type type = Type.getType(f.desc);
          if (Origins.isReference(type) && !program.isImmutable(type)) {
            return OriginValue.ref(Origins.STATIC, key == null ? f.owner + "." + f.name : key);
          }
          return valueOf(type, 0);
        }
      case Opcodes.NEW:
        return OriginValue.ref(Origins.FRESH);
      default:
        return OriginValue.PRIMITIVE;
    }
  }

  @Override
  public OriginValue copyOperation(AbstractInsnNode insn, OriginValue value) {
    return value;
  }

  @Override
  public OriginValue unaryOperation(AbstractInsnNode insn, OriginValue value) {
    switch (insn.getOpcode()) {
      case Opcodes.LNEG:
      case Opcodes.DNEG:
      case Opcodes.I2L:
      case Opcodes.I2D:
      case Opcodes.L2D:
      case Opcodes.F2L:
      case Opcodes.F2D:
      case Opcodes.D2L:
        return OriginValue.WIDE;
      case Opcodes.GETFIELD:
        {
          Type type = Type.getType(((FieldInsnNode) insn).desc);
          if (Origins.isReference(type)) {
            return program.isImmutable(type)
                ? OriginValue.INERT
                : OriginValue.ref(facts.load(value.mask), facts.loadField(value));
          }
          return valueOf(type, 0);
        }
      case Opcodes.PUTSTATIC:
        {
          FieldInsnNode f = (FieldInsnNode) insn;
          String key = fieldKey(program, f);
          boolean ownField = program.fieldOwner(f.owner, f.name).equals(node.owner.name);
          if (inClinit && ownField) {
            facts.clinitAssigned(key);
          } else {
            facts.staticWritten(key);
            node.addLocalEffect(
                Effect.GLOBAL_WRITE, "writes static field " + simple(f.owner) + "." + f.name);
          }
          return null;
        }
      case Opcodes.NEWARRAY:
      case Opcodes.ANEWARRAY:
        return OriginValue.ref(Origins.FRESH);
      case Opcodes.CHECKCAST:
        {
          Type type = Type.getObjectType(((TypeInsnNode) insn).desc);
          return program.isImmutable(type) ? OriginValue.INERT : value;
        }
      case Opcodes.MONITORENTER:
        if (value.mask != Origins.FRESH) {
          node.addLocalEffect(Effect.THREADS, "synchronized on " + lockTarget(value));
        }
        return null;
      case Opcodes.IFEQ:
      case Opcodes.IFNE:
      case Opcodes.IFLT:
      case Opcodes.IFGE:
      case Opcodes.IFGT:
      case Opcodes.IFLE:
      case Opcodes.TABLESWITCH:
      case Opcodes.LOOKUPSWITCH:
      case Opcodes.IRETURN:
      case Opcodes.LRETURN:
      case Opcodes.FRETURN:
      case Opcodes.DRETURN:
      case Opcodes.ARETURN:
      case Opcodes.ATHROW:
      case Opcodes.MONITOREXIT:
      case Opcodes.IFNULL:
      case Opcodes.IFNONNULL:
        return null;
      default:
        return OriginValue.PRIMITIVE;
    }
  }

  private String lockTarget(OriginValue value) {
    if ((value.mask & Origins.STATIC) != 0 && value.staticField != null) {
      return "static field " + FlowFacts.displayField(value.staticField);
    }
    if (value.mask == 0) {
      return "a shared constant (class literal or string)";
    }
    StringBuilder what = new StringBuilder();
    for (long bits = value.mask & ~Origins.FRESH; bits != 0; bits &= bits - 1) {
      if (what.length() > 0) {
        what.append(" or ");
      }
      what.append(Origins.describe(Long.lowestOneBit(bits), node.isStatic));
    }
    return what.toString();
  }

  @Override
  public OriginValue binaryOperation(
      AbstractInsnNode insn, OriginValue value1, OriginValue value2) {
    switch (insn.getOpcode()) {
      case Opcodes.LALOAD:
      case Opcodes.DALOAD:
      case Opcodes.LADD:
      case Opcodes.DADD:
      case Opcodes.LSUB:
      case Opcodes.DSUB:
      case Opcodes.LMUL:
      case Opcodes.DMUL:
      case Opcodes.LDIV:
      case Opcodes.DDIV:
      case Opcodes.LREM:
      case Opcodes.DREM:
      case Opcodes.LSHL:
      case Opcodes.LSHR:
      case Opcodes.LUSHR:
      case Opcodes.LAND:
      case Opcodes.LOR:
      case Opcodes.LXOR:
        return OriginValue.WIDE;
      case Opcodes.AALOAD:
        return OriginValue.ref(facts.load(value1.mask), facts.loadField(value1));
      case Opcodes.PUTFIELD:
        {
          FieldInsnNode f = (FieldInsnNode) insn;
          if ((value1.mask & Origins.FRESH) != 0 && value2.reference) {
            facts.taint(value2.mask, value2.staticField);
          }
          facts.mutate(
              value1.mask,
              value1.staticField,
              () -> "writes field " + simple(f.owner) + "." + f.name + " of " + lockTarget(value1),
              null,
              0);
          return null;
        }
      case Opcodes.IF_ICMPEQ:
      case Opcodes.IF_ICMPNE:
      case Opcodes.IF_ICMPLT:
      case Opcodes.IF_ICMPGE:
      case Opcodes.IF_ICMPGT:
      case Opcodes.IF_ICMPLE:
      case Opcodes.IF_ACMPEQ:
      case Opcodes.IF_ACMPNE:
        return null;
      default:
        return OriginValue.PRIMITIVE;
    }
  }

  @Override
  public OriginValue ternaryOperation(
      AbstractInsnNode insn, OriginValue array, OriginValue index, OriginValue value) {
    if ((array.mask & Origins.FRESH) != 0 && value.reference) {
      facts.taint(value.mask, value.staticField);
    }
    facts.mutate(
        array.mask,
        array.staticField,
        () -> "writes an element of the array " + lockTarget(array),
        null,
        0);
    return null;
  }

  @Override
  public OriginValue naryOperation(AbstractInsnNode insn, List<? extends OriginValue> values) {
    switch (insn.getOpcode()) {
      case Opcodes.MULTIANEWARRAY:
        return OriginValue.ref(Origins.FRESH);
      case Opcodes.INVOKEDYNAMIC:
        return calls.indy((InvokeDynamicInsnNode) insn, values);
      default:
        return calls.invoke(insn, values);
    }
  }

  @Override
  public void returnOperation(AbstractInsnNode insn, OriginValue value, OriginValue expected) {
    if (insn.getOpcode() == Opcodes.ARETURN && value.reference) {
      facts.returns(value);
    }
  }

  @Override
  public OriginValue merge(OriginValue value1, OriginValue value2) {
    return value1.merge(value2);
  }
}
