package dev.farcall.heuristics.analysis;

import java.util.List;
import java.util.function.LongPredicate;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Calls inside a {@link MethodFlow}: applies the current summaries of each call site's possible
 * callees in the caller's frame, translating which of their parameters they mutate and what their
 * result aliases into the origins of the caller's arguments, and records the effects in the
 * caller's {@link FlowFacts}.
 */
final class CallFlow {

  private static final OriginValue UNKNOWN_ARGUMENT = OriginValue.ref(Origins.UNKNOWN);

  private final Node node;
  private final MethodNode method;
  private final ProgramIndex program;
  private final FlowFacts facts;

  CallFlow(Node node, ProgramIndex program, FlowFacts facts) {
    this.node = node;
    this.method = node.method;
    this.program = program;
    this.facts = facts;
  }

  /** A method call ({@code invoke*}): its result, or null for {@code void}. */
  OriginValue invoke(AbstractInsnNode insn, List<? extends OriginValue> values) {
    int index = method.instructions.indexOf(insn);
    List<Edge> edges = node.sites.getOrDefault(index, List.of());
    Type[] types = argumentTypes(insn);
    boolean anyFresh = false;
    long others = 0;
    String othersField = null;
    for (int i = 0; i < values.size(); i++) {
      OriginValue v = values.get(i);
      if (v.reference) {
        // a primitive array cannot hold another argument
        boolean container = i >= types.length || !isPrimitiveArray(types[i]);
        anyFresh |= container && (v.mask & Origins.FRESH) != 0;
        others |= v.mask & ~Origins.FRESH;
        if ((v.mask & Origins.STATIC) != 0) {
          othersField =
              OriginValue.mergeFields(
                  othersField, v.staticField == null ? OriginValue.MANY_FIELDS : v.staticField);
        }
      }
    }
    if (anyFresh) {
      // the callee may store one argument inside a fresh one
      facts.taint(others, othersField);
    }
    long result = 0;
    String resultField = null;
    for (Edge e : edges) {
      Node callee = e.to;
      // library mutators write the object itself (collections never write their elements);
      // a program method may write anything reachable from its argument
      calleeMutations(
          e, values, bit -> callee.isProgram() && !isPrimitiveArray(argumentType(e, bit, types)));
      result |= translate(e, callee.returned, values);
      resultField = OriginValue.mergeFields(resultField, returnedField(e, values));
      if (callee.behavior != null) {
        facts.noteConcurrency(callee.behavior, values);
      }
    }
    if (edges.isEmpty()) {
      result |= Origins.UNKNOWN;
    }
    Type returnType =
        Type.getReturnType(
            insn instanceof MethodInsnNode m ? m.desc : ((InvokeDynamicInsnNode) insn).desc);
    OriginValue value = OriginInterpreter.valueOf(program, returnType, result);
    if (value != null && (result & Origins.STATIC) != 0 && value.reference && value.mask != 0) {
      value = OriginValue.ref(value.mask, resultField);
    }
    return value;
  }

  /**
   * Records what the callee of {@code e} mutates of the arguments passed to it; {@code deep} says,
   * for a parameter bit, whether anything reachable from the argument may be written or only the
   * object itself.
   */
  private void calleeMutations(Edge e, List<? extends OriginValue> values, LongPredicate deep) {
    for (long bits = e.to.mutated; bits != 0; bits &= bits - 1) {
      long bit = Long.lowestOneBit(bits);
      if (bit == Origins.FRESH || bit == Origins.STATIC) {
        continue;
      }
      if (bit == Origins.UNKNOWN) {
        facts.mutate(Origins.UNKNOWN, null, null, e, bit);
        continue;
      }
      OriginValue arg = argument(e, Origins.paramIndex(bit), values);
      if (arg != null && arg.reference) {
        boolean reachable = deep.test(bit);
        facts.mutate(
            reachable ? facts.load(arg.mask) : arg.mask,
            reachable ? facts.loadField(arg) : arg.staticField,
            null,
            e,
            bit);
      }
    }
  }

  /** The static field behind a call's result: the callee's, or that of the argument it returns. */
  private String returnedField(Edge e, List<? extends OriginValue> values) {
    Node callee = e.to;
    String field = null;
    if ((callee.returned & Origins.STATIC) != 0) {
      // JDK static state is never a program field; program callees say which field they return
      field = callee.isProgram() ? callee.returnedStatic : FlowFacts.JDK_STATE;
    }
    for (long bits = callee.returned & Origins.PARAMS; bits != 0; bits &= bits - 1) {
      OriginValue arg = argument(e, Origins.paramIndex(Long.lowestOneBit(bits)), values);
      if (arg != null && arg.reference && (facts.load(arg.mask) & Origins.STATIC) != 0) {
        field = OriginValue.mergeFields(field, facts.loadField(arg));
      }
    }
    return field;
  }

  private static Type[] argumentTypes(AbstractInsnNode insn) {
    if (insn instanceof MethodInsnNode m) {
      Type[] args = Type.getArgumentTypes(m.desc);
      if (m.getOpcode() == Opcodes.INVOKESTATIC) {
        return args;
      }
      Type[] all = new Type[args.length + 1];
      all[0] = m.owner.startsWith("[") ? Type.getType(m.owner) : Type.getObjectType(m.owner);
      System.arraycopy(args, 0, all, 1, args.length);
      return all;
    }
    return Type.getArgumentTypes(((InvokeDynamicInsnNode) insn).desc);
  }

  private static Type argumentType(Edge e, long bit, Type[] types) {
    int arg = e.argumentFor(Origins.paramIndex(bit));
    return arg >= 0 && arg < types.length ? types[arg] : Type.VOID_TYPE;
  }

  private static boolean isPrimitiveArray(Type t) {
    return t.getSort() == Type.ARRAY
        && t.getDimensions() == 1
        && t.getElementType().getSort() != Type.OBJECT;
  }

  private static OriginValue argument(Edge e, int param, List<? extends OriginValue> values) {
    int arg = e.argumentFor(param);
    if (arg == Edge.ARG_UNKNOWN) {
      return UNKNOWN_ARGUMENT;
    }
    if (arg < 0 || arg >= values.size()) {
      return null;
    }
    return values.get(arg);
  }

  private long translate(Edge e, long calleeMask, List<? extends OriginValue> values) {
    long result = calleeMask & (Origins.FRESH | Origins.STATIC | Origins.UNKNOWN);
    for (long bits = calleeMask & Origins.PARAMS; bits != 0; bits &= bits - 1) {
      OriginValue arg = argument(e, Origins.paramIndex(Long.lowestOneBit(bits)), values);
      if (arg != null && arg.reference) {
        result |= facts.load(arg.mask);
      }
    }
    return result;
  }

  /** An {@code invokedynamic}: a lambda (fresh, remembering its site), a string or unknown. */
  OriginValue indy(InvokeDynamicInsnNode insn, List<? extends OriginValue> values) {
    int index = method.instructions.indexOf(insn);
    List<Edge> edges = node.sites.getOrDefault(index, List.of());
    boolean lambda = edges.stream().anyMatch(e -> e.kind == CallKind.LAMBDA);
    // the lambda body's mutations of captured values are mutations by this method
    for (Edge e : edges) {
      calleeMutations(e, values, bit -> true);
    }
    Type returnType = Type.getReturnType(insn.desc);
    if (lambda) {
      return new OriginValue(1, true, Origins.FRESH, null, index);
    }
    if (edges.isEmpty() && isStringConcat(insn)) {
      return OriginInterpreter.valueOf(program, returnType, 0);
    }
    return OriginInterpreter.valueOf(program, returnType, Origins.UNKNOWN);
  }

  static boolean isStringConcat(InvokeDynamicInsnNode insn) {
    Handle bsm = insn.bsm;
    return bsm.getOwner().equals("java/lang/invoke/StringConcatFactory");
  }
}
