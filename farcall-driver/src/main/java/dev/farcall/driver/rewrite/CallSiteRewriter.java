package dev.farcall.driver.rewrite;

import dev.farcall.driver.rewrite.ClassStubs.Stub;
import dev.farcall.driver.rewrite.hooks.RunHooks;
import dev.farcall.model.MethodId;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
 *
 * <p>{@link ClassStubs} decides which calls get a stub, {@link StubWriter} writes the stubs.
 */
public final class CallSiteRewriter {

  /** Names of the stubs added to rewritten classes start with this. */
  public static final String STUB_PREFIX = "farcall$call$";

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

  private final class Rewriting extends ClassVisitor {
    private String className;
    private int version;
    private boolean isInterface;
    private ClassStubs stubs;

    Rewriting(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(
        int version, int access, String name, String sig, String superName, String[] ifaces) {
      this.className = name;
      this.version = version & 0xFFFF;
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      this.stubs = new ClassStubs(siteIds, index, className, this.version, isInterface);
      super.visit(version, access, name, sig, superName, ifaces);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      return new MethodRewriting(super.visitMethod(access, name, desc, signature, exceptions));
    }

    @Override
    public void visitEnd() {
      for (Stub stub : stubs.all()) {
        StubWriter.write(cv, version, stub);
      }
      super.visitEnd();
    }

    private final class MethodRewriting extends MethodVisitor {
      MethodRewriting(MethodVisitor next) {
        super(Opcodes.ASM9, next);
      }

      @Override
      public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        Optional<Stub> stub = stubs.stubFor(opcode, owner, name, desc, itf);
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
                stubs.stubFor(
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
}
