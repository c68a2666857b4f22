package dev.farcall.driver.rewrite;

import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.model.MethodId;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one class of a program for its run: each call of a dispatchable method (an invoke
 * instruction, or a method reference passed to {@code LambdaMetafactory.metafactory}) becomes a
 * call of a private static stub added to the same class, so the stub has exactly the access the
 * call site had. The stub asks for its site's mode (an {@code invokedynamic} whose target is a
 * constant the JIT folds, see {@link RunHooks}) and either makes the original call, counts it and
 * makes it, or hands the boxed arguments to {@link RunHooks#dispatch}; when that answers {@link
 * RunHooks#LOCAL}, it makes the original call.
 *
 * <p>Nothing else changes: the run has a JVM of its own, so {@code System.exit}, the standard
 * streams, shutdown hooks and threads are the real ones. Every replacement has the same stack
 * effect as the instruction it replaces, so the existing stack map frames stay valid and no class
 * has to be loaded to compute new ones.
 */
public final class CallSiteRewriter {

  static final String HOOKS = Type.getInternalName(RunHooks.class);

  /** Names of the stubs added to rewritten classes start with this. */
  public static final String STUB_PREFIX = "farcall$call$";

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

  private final Map<MethodId, Integer> siteIds;
  private final ClassIndex index;

  CallSiteRewriter(Map<MethodId, Integer> siteIds, ClassIndex index) {
    this.siteIds = siteIds;
    this.index = index;
  }

  byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new Rewriting(writer), 0);
    return writer.toByteArray();
  }

  /** A call site's target resolved to a dispatchable method. */
  private record Target(int siteId, int declaredAccess, String declaringOwner) {}

  /** One stub of a class: the original instruction it stands for. */
  private record Stub(
      String name,
      String descriptor,
      int opcode,
      String owner,
      String method,
      String desc,
      boolean ownerIsInterface,
      int siteId) {}

  private final class Rewriting extends ClassVisitor {
    private String className;
    private int version;
    private boolean isInterface;
    private final Map<String, Stub> stubs = new LinkedHashMap<>();

    Rewriting(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(
        int version, int access, String name, String sig, String superName, String[] ifaces) {
      this.className = name;
      this.version = version & 0xFFFF;
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      super.visit(version, access, name, sig, superName, ifaces);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      return new MethodRewriting(super.visitMethod(access, name, desc, signature, exceptions));
    }

    @Override
    public void visitEnd() {
      for (Stub stub : stubs.values()) {
        writeStub(stub);
      }
      super.visitEnd();
    }

    /** Stubs need static (and private) methods in interfaces: class files of Java 8 or later. */
    private boolean mayAddStubs() {
      return !isInterface || version >= Opcodes.V1_8;
    }

    private Optional<Stub> stubFor(
        int opcode, String owner, String name, String desc, boolean itf) {
      if (!mayAddStubs() || name.startsWith("<")) {
        return Optional.empty();
      }
      if (opcode == Opcodes.INVOKESPECIAL && !owner.equals(className)) {
        return Optional.empty(); // super.m(): not a plain call of the named method
      }
      Optional<Target> target = resolve(owner, name, desc);
      if (target.isEmpty()) {
        return Optional.empty();
      }
      if ((target.get().declaredAccess() & Opcodes.ACC_PROTECTED) != 0
          && !samePackage(className, target.get().declaringOwner())) {
        // protected access from another package is checked against the receiver's static type,
        // which a stub cannot reproduce: such calls stay as they are (and therefore at home)
        return Optional.empty();
      }
      boolean isStatic = opcode == Opcodes.INVOKESTATIC;
      String stubDesc = isStatic ? desc : "(L" + owner + ";" + desc.substring(1);
      String key = opcode + " " + owner + "." + name + desc;
      Stub stub =
          stubs.computeIfAbsent(
              key,
              k ->
                  new Stub(
                      STUB_PREFIX + stubs.size(),
                      stubDesc,
                      opcode,
                      owner,
                      name,
                      desc,
                      itf,
                      target.get().siteId()));
      return Optional.of(stub);
    }

    private Optional<Target> resolve(String owner, String name, String desc) {
      String current = owner;
      while (current != null) {
        Optional<ClassIndex.ClassInfo> info = index.info(current);
        if (info.isEmpty()) {
          return Optional.empty(); // left the program: JDK or library outside the jar
        }
        Integer access = info.get().methodAccess().get(name + desc);
        if (access != null) {
          Integer id = siteIds.get(new MethodId(current.replace('/', '.'), name, desc));
          return id == null ? Optional.empty() : Optional.of(new Target(id, access, current));
        }
        current = info.get().superName();
      }
      return Optional.empty();
    }

    private void writeStub(Stub stub) {
      MethodVisitor mv =
          cv.visitMethod(
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
      pushMode(mv, stub.siteId());
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
          Opcodes.INVOKESTATIC,
          HOOKS,
          "dispatch",
          "(I[Ljava/lang/Object;)Ljava/lang/Object;",
          false);
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

    private void loadParameters(MethodVisitor mv, Type[] params) {
      int slot = 0;
      for (Type p : params) {
        mv.visitVarInsn(p.getOpcode(Opcodes.ILOAD), slot);
        slot += p.getSize();
      }
    }

    /**
     * Pushes the site's mode: an {@code invokedynamic} bound to the site's call site where the
     * class file may hold one (Java 7 and later), else an element of the run's mode table.
     */
    private void pushMode(MethodVisitor mv, int siteId) {
      if (version >= Opcodes.V1_7) {
        mv.visitInvokeDynamicInsn("mode", "()I", SITE_BOOTSTRAP, siteId);
      } else {
        mv.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "MODES", "[I");
        pushInt(mv, siteId);
        mv.visitInsn(Opcodes.IALOAD);
      }
    }

    private final class MethodRewriting extends MethodVisitor {
      MethodRewriting(MethodVisitor next) {
        super(Opcodes.ASM9, next);
      }

      @Override
      public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        Optional<Stub> stub = stubFor(opcode, owner, name, desc, itf);
        if (stub.isPresent()) {
          super.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              className,
              stub.get().name(),
              stub.get().descriptor(),
              isInterface);
          return;
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
      }

      @Override
      public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
        if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")
            && bsm.getName().equals("metafactory")
            && args.length >= 3
            && args[1] instanceof Handle impl) {
          int opcode =
              switch (impl.getTag()) {
                case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
                case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                case Opcodes.H_INVOKESPECIAL -> Opcodes.INVOKESPECIAL;
                default -> -1;
              };
          if (opcode >= 0) {
            Optional<Stub> stub =
                stubFor(
                    opcode, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface());
            if (stub.isPresent()) {
              Object[] rewritten = args.clone();
              rewritten[1] =
                  new Handle(
                      Opcodes.H_INVOKESTATIC,
                      className,
                      stub.get().name(),
                      stub.get().descriptor(),
                      isInterface);
              super.visitInvokeDynamicInsn(name, desc, bsm, rewritten);
              return;
            }
          }
        }
        super.visitInvokeDynamicInsn(name, desc, bsm, args);
      }
    }
  }

  private static boolean samePackage(String a, String b) {
    int ia = a.lastIndexOf('/');
    int ib = b.lastIndexOf('/');
    return (ia < 0 ? "" : a.substring(0, ia)).equals(ib < 0 ? "" : b.substring(0, ib));
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

  /** Unused-argument guard so callers can list the stubs a class got (diagnostics, tests). */
  static List<String> stubNames(byte[] rewritten) {
    List<String> names = new ArrayList<>();
    new ClassReader(rewritten)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String sig, String[] exc) {
                if (name.startsWith(STUB_PREFIX)) {
                  names.add(name);
                }
                return null;
              }
            },
            ClassReader.SKIP_CODE);
    return names;
  }
}
