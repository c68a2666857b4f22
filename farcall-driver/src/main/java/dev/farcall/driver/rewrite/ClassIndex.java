package dev.farcall.driver.rewrite;

import dev.farcall.model.program.ProgramClassLoader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Superclasses and method access flags of a program's classes, read from the jar's bytes without
 * loading anything: the rewriter needs them to resolve a call site to its declaring method while
 * the class that holds the call site is being defined.
 */
final class ClassIndex {

  /** What the rewriter needs to know of one class file. */
  record ClassInfo(String superName, Map<String, Integer> methodAccess) {}

  private final ProgramClassLoader program;
  private final Map<String, Optional<ClassInfo>> cache = new ConcurrentHashMap<>();

  ClassIndex(ProgramClassLoader program) {
    this.program = program;
  }

  /** The class with this internal name, when the program's jar defines it. */
  Optional<ClassInfo> info(String internalName) {
    return cache.computeIfAbsent(internalName, this::read);
  }

  private Optional<ClassInfo> read(String internalName) {
    return program.classBytes(internalName.replace('/', '.')).map(ClassIndex::parse);
  }

  private static ClassInfo parse(byte[] bytes) {
    Map<String, Integer> access = new ConcurrentHashMap<>();
    String[] superName = new String[1];
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visit(
                  int version,
                  int acc,
                  String name,
                  String signature,
                  String superN,
                  String[] interfaces) {
                superName[0] = superN;
              }

              @Override
              public MethodVisitor visitMethod(
                  int acc, String name, String desc, String signature, String[] exceptions) {
                access.put(name + desc, acc);
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassInfo(superName[0], Map.copyOf(access));
  }
}
