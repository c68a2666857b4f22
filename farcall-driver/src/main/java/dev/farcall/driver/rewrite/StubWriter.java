package dev.farcall.driver.rewrite;

import dev.farcall.driver.rewrite.ClassStubs.Stub;
import dev.farcall.driver.rewrite.hooks.RunHooks;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the body of one stub of a rewritten class: read the site's mode, then make the original
 * call, count (and now and then time) it and make it, or box the arguments for {@link
 * RunHooks#dispatch} and make the original call when that answers {@link RunHooks#LOCAL}. Writes
 * the stack map frames itself where the class file has them (Java 6 and later), so no class has to
 * be loaded to compute them.
 */
final class StubWriter {

  private static final String HOOKS = Type.getInternalName(RunHooks.class);

  private static final Handle SITE_BOOTSTRAP =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          HOOKS,
          "site",
          MethodType.methodType(
                  CallSite.class,
                  MethodHandles.Lookup.class,
                  String.class,
                  MethodType.class,
                  int.class)
              .toMethodDescriptorString(),
          false);

  private StubWriter() {}

  /** Adds the stub to the class {@code out} writes; {@code version} is its class file version. */
  static void write(ClassVisitor out, int version, Stub stub) {
    MethodVisitor mv =
        out.visitMethod(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            stub.name(),
            stub.descriptor(),
            null,
            null);
    Type[] params = Type.getArgumentTypes(stub.descriptor());
    Type ret = Type.getReturnType(stub.descriptor());
    Object[] frameLocals = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      frameLocals[i] = frameType(params[i]);
    }
    boolean frames = version >= Opcodes.V1_6;
    int modeSlot = 0;
    for (Type p : params) {
      modeSlot += p.getSize();
    }
    Object[] modeLocals = Arrays.copyOf(frameLocals, frameLocals.length + 1);
    modeLocals[frameLocals.length] = Opcodes.INTEGER;
    mv.visitCode();
    Label local = new Label();
    Label localPop = new Label();
    Label dispatch = new Label();
    pushMode(mv, version, stub.siteId());
    mv.visitVarInsn(Opcodes.ISTORE, modeSlot);
    mv.visitVarInsn(Opcodes.ILOAD, modeSlot);
    mv.visitJumpInsn(Opcodes.IFEQ, local); // MODE_LOCAL
    mv.visitVarInsn(Opcodes.ILOAD, modeSlot);
    pushInt(mv, RunHooks.MODE_COUNTED_LOCAL);
    mv.visitJumpInsn(Opcodes.IF_ICMPNE, dispatch);
    // MODE_COUNTED_LOCAL: count the call; time one in a sample of them (see RunHooks#count)
    pushInt(mv, stub.siteId());
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "count", "(I)Z", false);
    mv.visitJumpInsn(Opcodes.IFEQ, local);
    int timeSlot = modeSlot + 1;
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
    mv.visitVarInsn(Opcodes.LSTORE, timeSlot);
    loadParameters(mv, params);
    mv.visitMethodInsn(
        stub.opcode(), stub.owner(), stub.method(), stub.desc(), stub.ownerIsInterface());
    // the result (if any) stays below: timed(JI)V takes only the elapsed time and the site
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
    mv.visitVarInsn(Opcodes.LLOAD, timeSlot);
    mv.visitInsn(Opcodes.LSUB);
    pushInt(mv, stub.siteId());
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "timed", "(JI)V", false);
    mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    // MODE_DISPATCH: box the arguments into an Object[]
    mv.visitLabel(dispatch);
    if (frames) {
      mv.visitFrame(Opcodes.F_FULL, modeLocals.length, modeLocals, 0, new Object[0]);
    }
    pushInt(mv, stub.siteId());
    pushInt(mv, params.length);
    mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int slot = 0;
    for (int i = 0; i < params.length; i++) {
      mv.visitInsn(Opcodes.DUP);
      pushInt(mv, i);
      mv.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
      box(mv, params[i]);
      mv.visitInsn(Opcodes.AASTORE);
      slot += params[i].getSize();
    }
    mv.visitMethodInsn(
        Opcodes.INVOKESTATIC, HOOKS, "dispatch", "(I[Ljava/lang/Object;)Ljava/lang/Object;", false);
    mv.visitInsn(Opcodes.DUP);
    mv.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "LOCAL", "Ljava/lang/Object;");
    mv.visitJumpInsn(Opcodes.IF_ACMPEQ, localPop);
    unboxAndReturn(mv, ret);
    mv.visitLabel(localPop);
    if (frames) {
      mv.visitFrame(
          Opcodes.F_FULL, modeLocals.length, modeLocals, 1, new Object[] {"java/lang/Object"});
    }
    mv.visitInsn(Opcodes.POP);
    mv.visitLabel(local);
    if (frames) {
      mv.visitFrame(Opcodes.F_FULL, frameLocals.length, frameLocals, 0, new Object[0]);
    }
    loadParameters(mv, params);
    mv.visitMethodInsn(
        stub.opcode(), stub.owner(), stub.method(), stub.desc(), stub.ownerIsInterface());
    mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void loadParameters(MethodVisitor mv, Type[] params) {
    int slot = 0;
    for (Type p : params) {
      mv.visitVarInsn(p.getOpcode(Opcodes.ILOAD), slot);
      slot += p.getSize();
    }
  }

  /**
   * Pushes the site's mode: an {@code invokedynamic} bound to the site's call site where the class
   * file may hold one (Java 7 and later), else an element of the run's mode table.
   */
  private static void pushMode(MethodVisitor mv, int version, int siteId) {
    if (version >= Opcodes.V1_7) {
      mv.visitInvokeDynamicInsn("mode", "()I", SITE_BOOTSTRAP, siteId);
    } else {
      mv.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "MODES", "[I");
      pushInt(mv, siteId);
      mv.visitInsn(Opcodes.IALOAD);
    }
  }

  private static Object frameType(Type t) {
    return switch (t.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
      case Type.FLOAT -> Opcodes.FLOAT;
      case Type.LONG -> Opcodes.LONG;
      case Type.DOUBLE -> Opcodes.DOUBLE;
      default -> t.getInternalName();
    };
  }

  private static void pushInt(MethodVisitor mv, int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  private static final Map<Integer, String[]> BOXES =
      Map.of(
          Type.BOOLEAN, new String[] {"java/lang/Boolean", "booleanValue"},
          Type.BYTE, new String[] {"java/lang/Byte", "byteValue"},
          Type.CHAR, new String[] {"java/lang/Character", "charValue"},
          Type.SHORT, new String[] {"java/lang/Short", "shortValue"},
          Type.INT, new String[] {"java/lang/Integer", "intValue"},
          Type.LONG, new String[] {"java/lang/Long", "longValue"},
          Type.FLOAT, new String[] {"java/lang/Float", "floatValue"},
          Type.DOUBLE, new String[] {"java/lang/Double", "doubleValue"});

  private static void box(MethodVisitor mv, Type t) {
    String[] box = BOXES.get(t.getSort());
    if (box != null) {
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          box[0],
          "valueOf",
          "(" + t.getDescriptor() + ")L" + box[0] + ";",
          false);
    }
  }

  private static void unboxAndReturn(MethodVisitor mv, Type ret) {
    if (ret.getSort() == Type.VOID) {
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
      return;
    }
    String[] box = BOXES.get(ret.getSort());
    if (box != null) {
      mv.visitTypeInsn(Opcodes.CHECKCAST, box[0]);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box[0], box[1], "()" + ret.getDescriptor(), false);
    } else {
      mv.visitTypeInsn(Opcodes.CHECKCAST, ret.getInternalName());
    }
    mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
  }
}
