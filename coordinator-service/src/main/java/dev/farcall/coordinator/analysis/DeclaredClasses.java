package dev.farcall.coordinator.analysis;

import dev.farcall.heuristics.jar.JarLimits;
import dev.farcall.heuristics.jar.JarReader;
import dev.farcall.heuristics.jar.ProgramClasses;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.heuristics.knowledge.Declarations.Declaration;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * Checks that a declarations file names only classes the program can reach: a class of its jar, a
 * class of the JDK, or a class its code refers to (a library it expects on the class path, which a
 * {@code pure} declaration may vouch for). Anything else is a typo that would silently declare
 * nothing.
 */
final class DeclaredClasses {

  // CONSTANT_Class in the class-file constant pool (JVMS 4.4.1).
  private static final int CONSTANT_CLASS = 7;

  private DeclaredClasses() {}

  /** The first declaration naming a class the program cannot reach, if any. */
  static Optional<Declaration> firstUnknown(Declarations declarations, Path jar) {
    if (declarations.entries().isEmpty()) {
      return Optional.empty();
    }
    ProgramClasses program = new JarReader(JarLimits.defaults()).read(jar);
    Set<String> known = new HashSet<>(program.classes().keySet());
    for (byte[] bytes : program.classes().values()) {
      addReferences(bytes, known);
    }
    return declarations.entries().stream()
        .filter(d -> !reachable(d.className().replace('.', '/'), known))
        .findFirst();
  }

  /** The 1-based line a declaration came from ({@code source:line}). */
  static int lineOf(Declaration declaration) {
    String source = declaration.source();
    try {
      return Integer.parseInt(source.substring(source.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean reachable(String internalName, Set<String> known) {
    return known.contains(internalName)
        || ClassLoader.getPlatformClassLoader().getResource(internalName + ".class") != null;
  }

  private static void addReferences(byte[] bytes, Set<String> known) {
    ClassReader reader;
    try {
      reader = new ClassReader(bytes);
    } catch (RuntimeException e) {
      return; // uploads refuse unparseable classes; an older jar may still hold one
    }
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset > 0 && reader.b[offset - 1] == CONSTANT_CLASS) {
        Object constant = reader.readConst(i, buffer);
        if (constant instanceof Type type && type.getSort() == Type.OBJECT) {
          known.add(type.getInternalName());
        }
      }
    }
  }
}
