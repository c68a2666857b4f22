package dev.farcall.coordinator.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds, in a program's jar and without loading anything, the class a run starts and checks that it
 * has {@code public static void main(String[])} (declared or inherited), so that a bad request is
 * refused before any driver starts.
 */
final class MainClassCheck {

  private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";
  private static final int MAX_DEPTH = 32;

  private MainClassCheck() {}

  /**
   * The main class to run.
   *
   * @param requested the class asked for, or null/blank for the jar's {@code Main-Class}
   * @throws InvalidMainClassException when there is none, or it has no main
   */
  static String mainClass(String programId, Path jarFile, String requested) {
    try (JarFile jar = new JarFile(jarFile.toFile())) {
      String name =
          Optional.ofNullable(requested)
              .filter(s -> !s.isBlank())
              .map(String::strip)
              .or(() -> manifestMainClass(jar))
              .orElseThrow(
                  () ->
                      new InvalidMainClassException(
                          programId,
                          null,
                          "No mainClass was given and the jar's manifest names no Main-Class"));
      String internal = name.replace('.', '/');
      if (entry(jar, internal).isEmpty()) {
        throw new InvalidMainClassException(
            programId, name, "Main class " + name + " is not in the program");
      }
      if (!hasMain(jar, internal, 0)) {
        throw new InvalidMainClassException(
            programId, name, "Class " + name + " has no public static void main(String[])");
      }
      return name;
    } catch (IOException e) {
      throw new InvalidMainClassException(programId, requested, "The program's jar cannot be read");
    }
  }

  private static Optional<String> manifestMainClass(JarFile jar) {
    try {
      return Optional.ofNullable(jar.getManifest())
          .map(m -> m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
          .map(String::trim)
          .filter(s -> !s.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<ZipEntry> entry(JarFile jar, String internalName) {
    ZipEntry e = jar.getEntry(internalName + ".class");
    if (e == null) {
      e = jar.getEntry("BOOT-INF/classes/" + internalName + ".class");
    }
    return Optional.ofNullable(e);
  }

  private static boolean hasMain(JarFile jar, String internalName, int depth) throws IOException {
    Optional<ZipEntry> e = entry(jar, internalName);
    if (e.isEmpty() || depth > MAX_DEPTH) {
      return false;
    }
    boolean[] found = {false};
    String[] superName = {null};
    try (InputStream in = jar.getInputStream(e.get())) {
      new ClassReader(in)
          .accept(
              new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(
                    int v, int access, String name, String sig, String sup, String[] itf) {
                  superName[0] = sup;
                }

                @Override
                public MethodVisitor visitMethod(
                    int access, String name, String desc, String sig, String[] exc) {
                  int wanted = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
                  if (name.equals("main")
                      && desc.equals(MAIN_DESCRIPTOR)
                      && (access & wanted) == wanted) {
                    found[0] = true;
                  }
                  return null;
                }
              },
              ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException notAClass) {
      return false;
    }
    return found[0] || (superName[0] != null && hasMain(jar, superName[0], depth + 1));
  }
}
