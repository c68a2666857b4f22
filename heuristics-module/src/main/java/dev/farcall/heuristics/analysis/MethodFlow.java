package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.knowledge.LibraryBehavior;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Freshness flow inside one method: runs ASM's {@link Analyzer} with an interpreter that tracks
 * where each reference comes from ({@link Origins}) and records, on the {@link Node}, the method's
 * local effects, which of its parameters it mutates (directly or through callees, using their
 * current summaries), what its result may alias, and which static fields it reads and writes.
 */
final class MethodFlow {

  private static final int MAX_TAINT_ROUNDS = 4;

  private final Node node;
  private final ProgramIndex program;
  private final MethodNode method;
  private final boolean inClinit;
  private final int[] paramOfLocal;

  // results of the current run
  private long mutated;
  private long returned;
  private String returnedStatic;
  private final Map<Long, Node.MutationCause> causes = new HashMap<>();
  private final Set<String> staticReads = new HashSet<>();
  private final Set<String> staticWrites = new HashSet<>();
  private final Set<String> clinitAssigned = new HashSet<>();
  private final Set<Integer> concurrentLambdas = new HashSet<>();
  private boolean allLambdasConcurrent;

  /**
   * Origins of non-fresh references stored inside fresh objects (so reading them back is not
   * fresh).
   */
  private long freshContents;

  /** The static field behind STATIC origins stored inside fresh objects. */
  private String freshContentsField;

  private boolean freshContentRead;

  // <clinit> only: which sources each static field's value depends on
  private final Map<String, Long> fieldDeps = new HashMap<>();
  private final Map<Integer, Integer> sourceIds = new HashMap<>();
  private final List<Object> sources = new java.util.ArrayList<>();
  private long heapDeps;
  private long controlDeps;
  private boolean[] inTry;

  private final Set<String> emptyArrays;

  /**
   * @param emptyArrays static fields that only ever hold an empty array (assigned {@code new T[0]}
   *     in {@code <clinit>} and never written elsewhere)
   */
  MethodFlow(Node node, ProgramIndex program, Set<String> emptyArrays) {
    this.node = node;
    this.program = program;
    this.emptyArrays = emptyArrays;
    this.method = node.method;
    this.inClinit = method.name.equals("<clinit>");
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

  /** Runs the flow and stores its results on the node. */
  void run() {
    reset(0, null);
    if (!inClinit && onlyReadsState()) {
      finish();
      return;
    }
    long contents = 0;
    String contentsField = null;
    long heap = 0;
    if (inClinit) {
      inTry = new boolean[method.instructions.size()];
      for (TryCatchBlockNode block : method.tryCatchBlocks) {
        int end = method.instructions.indexOf(block.end);
        for (int i = method.instructions.indexOf(block.start); i < end; i++) {
          inTry[i] = true;
        }
      }
    }
    for (int round = 0; round < MAX_TAINT_ROUNDS; round++) {
      // the static fields behind the contents carry over with them: the next round may read a
      // fresh object's contents before it reaches the store that put a static object there
      reset(contents, contentsField);
      heapDeps = heap;
      try {
        Interpreter<OriginValue> interpreter = new OriginInterpreter();
        if (inClinit) {
          interpreter = new DependencyTracking((OriginInterpreter) interpreter);
        }
        new Analyzer<>(interpreter).analyze(node.owner.name, method);
      } catch (AnalyzerException | RuntimeException e) {
        node.localEffects = 0;
        node.addLocalEffect(Effect.UNKNOWN, "bytecode could not be analysed: " + e.getMessage());
        node.mutated = Origins.mutableParams(method.desc, node.isStatic) | Origins.UNKNOWN;
        node.returned = node.mutated;
        return;
      }
      boolean stable =
          !freshContentRead
              || (freshContents == contents
                  && java.util.Objects.equals(freshContentsField, contentsField));
      if (stable && heapDeps == heap) {
        break;
      }
      contents = freshContents;
      contentsField = freshContentsField;
      heap = heapDeps;
    }
    finish();
  }

  private void finish() {
    if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      node.addLocalEffect(
          Effect.THREADS,
          "synchronized method locks " + (node.isStatic ? "its class" : "its receiver"));
    }
    node.mutated = mutated;
    node.returned = returned;
    node.returnedStatic = returnedStatic;
    node.mutationCauses = new HashMap<>(causes);
    node.staticReads = Set.copyOf(staticReads);
    node.staticWrites = Set.copyOf(staticWrites);
    node.clinitAssigned = Set.copyOf(clinitAssigned);
    node.concurrentLambdaSites = Set.copyOf(concurrentLambdas);
    node.allLambdasConcurrent = allLambdasConcurrent;
    if (inClinit) {
      node.clinitFieldDeps = Map.copyOf(fieldDeps);
      node.clinitControlDeps = controlDeps;
      node.clinitSources = List.copyOf(sources);
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
          staticReads.add(fieldKey(f));
        }
      }
    }
    return true;
  }

  private void reset(long contents, String contentsField) {
    node.localEffects = 0;
    java.util.Arrays.fill(node.localEvidence, null);
    mutated = 0;
    returned = 0;
    returnedStatic = null;
    causes.clear();
    staticReads.clear();
    staticWrites.clear();
    clinitAssigned.clear();
    concurrentLambdas.clear();
    allLambdasConcurrent = false;
    freshContents = contents;
    freshContentsField = contentsField;
    freshContentRead = false;
    fieldDeps.clear();
    controlDeps = 0;
  }

  // ------------------------------------------------------------------ facts

  private long load(long containerMask) {
    long result = containerMask & ~Origins.FRESH;
    if ((containerMask & Origins.FRESH) != 0) {
      freshContentRead = true;
      result |= Origins.FRESH | freshContents;
    }
    return result;
  }

  /** The static field behind what {@link #load} returns for this container. */
  private String loadField(OriginValue container) {
    return (container.mask & Origins.FRESH) != 0
        ? mergeField(container.staticField, freshContentsField)
        : container.staticField;
  }

  private void taint(long storedMask, String field) {
    if ((storedMask & Origins.STATIC) != 0) {
      freshContentsField =
          mergeField(freshContentsField, field == null ? OriginValue.MANY_FIELDS : field);
    }
    freshContents |= storedMask & ~Origins.FRESH;
  }

  /** Something reachable from a value with this origin is written. */
  /**
   * Something reachable from a value with this origin is written; {@code local} describes a write
   * in this method (built only when needed), {@code via} a call that writes its argument.
   */
  private void mutate(
      long mask, String staticField, Supplier<String> local, Edge via, long calleeBit) {
    long owned = mask & (Origins.PARAMS | Origins.UNKNOWN);
    boolean newEffect = (node.localEffects & (1 << Effect.ARG_MUTATION.ordinal())) == 0;
    if (owned != 0 && (newEffect || (owned & ~mutated) != 0)) {
      String text = local != null ? local.get() : "calls " + via.display();
      if ((mask & Origins.UNKNOWN) != 0 && (mask & Origins.PARAMS) == 0) {
        node.addLocalEffect(Effect.ARG_MUTATION, "mutates an object of unknown origin: " + text);
      } else {
        node.addLocalEffect(Effect.ARG_MUTATION, text);
      }
      for (long bits = owned & ~mutated; bits != 0; bits &= bits - 1) {
        long bit = Long.lowestOneBit(bits);
        causes.put(bit, new Node.MutationCause(local != null ? text : null, via, calleeBit));
      }
      mutated |= owned;
    }
    if ((mask & Origins.STATIC) != 0 && !inClinit && !emptyArrays.contains(staticField)) {
      // an empty array has no element to write (a JDK call like toArray(EMPTY) cannot write it)
      String field = staticField == null ? OriginValue.MANY_FIELDS : staticField;
      boolean added = staticWrites.addAll(List.of(field.split("\\|")));
      if (added && (node.localEffects & (1 << Effect.GLOBAL_WRITE.ordinal())) == 0) {
        String text =
            local != null ? local.get() : "passes it to " + via.display() + ", which mutates it";
        node.addLocalEffect(
            Effect.GLOBAL_WRITE, "mutates static state " + displayField(field) + ": " + text);
      }
    }
  }

  private static String displayField(String field) {
    if (field.equals(OriginValue.MANY_FIELDS)) {
      return "(several static fields)";
    }
    if (field.equals(JDK_STATE)) {
      return "(JDK global state)";
    }
    if (field.contains("|")) {
      StringBuilder all = new StringBuilder();
      for (String one : field.split("\\|")) {
        all.append(all.length() == 0 ? "" : " or ").append(displayField(one));
      }
      return all.toString();
    }
    String owner = field.substring(0, field.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1) + field.substring(field.lastIndexOf('.'));
  }

  private String fieldKey(FieldInsnNode f) {
    return program.fieldOwner(f.owner, f.name).replace('/', '.') + "." + f.name;
  }

  private static String simple(String internal) {
    return internal.substring(internal.lastIndexOf('/') + 1);
  }

  // ------------------------------------------------------------------ calls

  private OriginValue invoke(AbstractInsnNode insn, List<? extends OriginValue> values) {
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
              mergeField(
                  othersField, v.staticField == null ? OriginValue.MANY_FIELDS : v.staticField);
        }
      }
    }
    if (anyFresh) {
      // the callee may store one argument inside a fresh one
      taint(others, othersField);
    }
    long result = 0;
    String resultField = null;
    for (Edge e : edges) {
      Node callee = e.to;
      for (long bits = callee.mutated; bits != 0; bits &= bits - 1) {
        long bit = Long.lowestOneBit(bits);
        if (bit == Origins.FRESH || bit == Origins.STATIC) {
          continue;
        }
        if (bit == Origins.UNKNOWN) {
          mutate(Origins.UNKNOWN, null, null, e, bit);
          continue;
        }
        OriginValue arg = argument(e, Origins.paramIndex(bit), values);
        if (arg != null && arg.reference) {
          // library mutators write the object itself (collections never write their elements);
          // a program method may write anything reachable from its argument
          boolean deep = callee.isProgram() && !isPrimitiveArray(argumentType(e, bit, types));
          mutate(
              deep ? load(arg.mask) : arg.mask,
              deep ? loadField(arg) : arg.staticField,
              null,
              e,
              bit);
        }
      }
      result |= translate(e, callee.returned, values);
      resultField = mergeField(resultField, returnedField(e, values));
      if (callee.behavior != null) {
        noteConcurrency(callee.behavior, values);
      }
    }
    if (edges.isEmpty()) {
      result |= Origins.UNKNOWN;
    }
    Type returnType =
        Type.getReturnType(
            insn instanceof MethodInsnNode m ? m.desc : ((InvokeDynamicInsnNode) insn).desc);
    OriginValue value = valueOf(returnType, result);
    if (value != null && (result & Origins.STATIC) != 0 && value.reference && value.mask != 0) {
      value = OriginValue.ref(value.mask, resultField);
    }
    return value;
  }

  /** The static field behind a call's result: the callee's, or that of the argument it returns. */
  private String returnedField(Edge e, List<? extends OriginValue> values) {
    Node callee = e.to;
    String field = null;
    if ((callee.returned & Origins.STATIC) != 0) {
      // JDK static state is never a program field; program callees say which field they return
      field = callee.isProgram() ? callee.returnedStatic : JDK_STATE;
    }
    for (long bits = callee.returned & Origins.PARAMS; bits != 0; bits &= bits - 1) {
      OriginValue arg = argument(e, Origins.paramIndex(Long.lowestOneBit(bits)), values);
      if (arg != null && arg.reference && (load(arg.mask) & Origins.STATIC) != 0) {
        field = mergeField(field, loadField(arg));
      }
    }
    return field;
  }

  /** Marks JDK static state (never a program field). */
  static final String JDK_STATE = "<jdk>";

  private static String mergeField(String a, String b) {
    return OriginValue.mergeFields(a, b);
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

  private static final OriginValue UNKNOWN_ARGUMENT = OriginValue.ref(Origins.UNKNOWN);

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
        result |= load(arg.mask);
      }
    }
    return result;
  }

  private void noteConcurrency(LibraryBehavior behavior, List<? extends OriginValue> values) {
    if (behavior.parallel()) {
      allLambdasConcurrent = true;
    }
    if (behavior.concurrentSink()) {
      for (OriginValue v : values) {
        if (v.lambdaSite >= 0) {
          concurrentLambdas.add(v.lambdaSite);
        } else if (v.lambdaSite == OriginValue.MANY_LAMBDAS) {
          allLambdasConcurrent = true;
        }
      }
    }
  }

  private OriginValue indy(InvokeDynamicInsnNode insn, List<? extends OriginValue> values) {
    int index = method.instructions.indexOf(insn);
    List<Edge> edges = node.sites.getOrDefault(index, List.of());
    boolean lambda = edges.stream().anyMatch(e -> e.kind == CallKind.LAMBDA);
    // the lambda body's mutations of captured values are mutations by this method
    for (Edge e : edges) {
      for (long bits = e.to.mutated; bits != 0; bits &= bits - 1) {
        long bit = Long.lowestOneBit(bits);
        if (bit == Origins.FRESH || bit == Origins.STATIC) {
          continue;
        }
        if (bit == Origins.UNKNOWN) {
          mutate(Origins.UNKNOWN, null, null, e, bit);
          continue;
        }
        OriginValue arg = argument(e, Origins.paramIndex(bit), values);
        if (arg != null && arg.reference) {
          mutate(load(arg.mask), loadField(arg), null, e, bit);
        }
      }
    }
    Type returnType = Type.getReturnType(insn.desc);
    if (lambda) {
      return new OriginValue(1, true, Origins.FRESH, null, index);
    }
    if (edges.isEmpty() && isStringConcat(insn)) {
      return valueOf(returnType, 0);
    }
    return valueOf(returnType, Origins.UNKNOWN);
  }

  static boolean isStringConcat(InvokeDynamicInsnNode insn) {
    Handle bsm = insn.bsm;
    return bsm.getOwner().equals("java/lang/invoke/StringConcatFactory");
  }

  private OriginValue valueOf(Type type, long mask) {
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

  // ------------------------------------------------------------------ the interpreter

  private final class OriginInterpreter extends Interpreter<OriginValue> {

    OriginInterpreter() {
      super(Opcodes.ASM9);
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
              key = fieldKey(f);
              staticReads.add(key);
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
                  : OriginValue.ref(load(value.mask), loadField(value));
            }
            return valueOf(type, 0);
          }
        case Opcodes.PUTSTATIC:
          {
            FieldInsnNode f = (FieldInsnNode) insn;
            String key = fieldKey(f);
            boolean ownField = program.fieldOwner(f.owner, f.name).equals(node.owner.name);
            if (inClinit && ownField) {
              clinitAssigned.add(key);
            } else {
              staticWrites.add(key);
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
        return "static field " + displayField(value.staticField);
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
          return OriginValue.ref(load(value1.mask), loadField(value1));
        case Opcodes.PUTFIELD:
          {
            FieldInsnNode f = (FieldInsnNode) insn;
            if ((value1.mask & Origins.FRESH) != 0 && value2.reference) {
              taint(value2.mask, value2.staticField);
            }
            mutate(
                value1.mask,
                value1.staticField,
                () ->
                    "writes field " + simple(f.owner) + "." + f.name + " of " + lockTarget(value1),
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
        taint(value.mask, value.staticField);
      }
      mutate(
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
          return indy((InvokeDynamicInsnNode) insn, values);
        default:
          return invoke(insn, values);
      }
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, OriginValue value, OriginValue expected) {
      if (insn.getOpcode() == Opcodes.ARETURN && value.reference) {
        returned |= value.mask;
        if ((value.mask & Origins.STATIC) != 0) {
          returnedStatic =
              mergeField(
                  returnedStatic,
                  value.staticField == null ? OriginValue.MANY_FIELDS : value.staticField);
        }
      }
    }

    @Override
    public OriginValue merge(OriginValue value1, OriginValue value2) {
      return value1.merge(value2);
    }
  }

  // ------------------------------------------------------------------ <clinit> dependencies

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

  /**
   * Wraps the origin interpreter inside {@code <clinit>} to record which calls and static reads
   * each static field's initial value depends on (data flow, stores into fresh and static objects,
   * and control flow: branches and calls inside try blocks).
   */
  private final class DependencyTracking extends Interpreter<OriginValue> {
    private final OriginInterpreter inner;

    DependencyTracking(OriginInterpreter inner) {
      super(Opcodes.ASM9);
      this.inner = inner;
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
          return v.withDeps(source(insn, fieldKey(f)));
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
        fieldDepends(fieldKey((FieldInsnNode) insn), value.deps | (value.reference ? heapDeps : 0));
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
}
