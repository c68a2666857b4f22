package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.Effect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Soundness on generated programs: chains, diamonds and interface dispatch with several
 * implementations, one effect planted at a random depth. The root must never be movable with the
 * effect, and must be movable without it.
 */
class SoundnessPropertyTests {

  /** How a level is reached from the level above. */
  enum Shape {
    CHAIN,
    DIAMOND,
    INTERFACE
  }

  private static final String ROOT = "gen/Root";
  private static final String ROOT_DESC = "([II)I";

  @Property(tries = 80)
  void rootWithAPlantedEffectIsNeverMovable(
      @ForAll @Size(min = 1, max = 5) List<Shape> levels,
      @ForAll Effect effect,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    MethodAnalysis root = analyseRoot(new Generator(levels, effect, where).jar());
    assertThat(root.movable()).as("%s at %s: %s", effect, where, root.reasons()).isFalse();
    assertThat(root.effects()).contains(effect);
  }

  @Property(tries = 40)
  void sameProgramWithoutTheEffectHasAMovableRoot(
      @ForAll @Size(min = 1, max = 5) List<Shape> levels,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    MethodAnalysis root = analyseRoot(new Generator(levels, null, where).jar());
    assertThat(root.movable()).as("%s", root.reasons()).isTrue();
    assertThat(root.effects()).isEmpty();
  }

  private static MethodAnalysis analyseRoot(Path jar) {
    try {
      ProgramModel model =
          new JarAnalyzer()
              .analyze(
                  jar,
                  AnalysisOptions.defaults().withTransferability(new SignatureTransferability()));
      return model.method("gen.Root", "root", ROOT_DESC).orElseThrow();
    } finally {
      try {
        Files.deleteIfExists(jar);
      } catch (java.io.IOException e) {
        // temporary file; deleted on exit otherwise
      }
    }
  }

  /** Writes the classes of one generated program. */
  private static final class Generator {
    private final List<Shape> levels;
    private final Effect effect;
    private final int plantLevel;
    private final int plantIndex;
    private final List<Map.Entry<String, byte[]>> classes = new ArrayList<>();

    Generator(List<Shape> levels, Effect effect, int where) {
      this.levels = levels;
      this.effect = effect;
      this.plantLevel = where % (levels.size() + 1);
      this.plantIndex = where / (levels.size() + 1);
    }

    Path jar() {
      ClassWriter root = open(ROOT, null);
      MethodVisitor m =
          root.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "root", ROOT_DESC, null, null);
      body(m, 0, 0, 0, 1);
      close(ROOT, root);
      for (int level = 1; level <= levels.size(); level++) {
        writeLevel(level);
      }
      writeState();
      return TestPrograms.jar(classes);
    }

    private int width(int level) {
      return level == 0
          ? 1
          : switch (levels.get(level - 1)) {
            case CHAIN -> 1;
            case DIAMOND -> 2;
            case INTERFACE -> 3;
          };
    }

    private void writeLevel(int level) {
      String owner = "gen/L" + level;
      if (levels.get(level - 1) == Shape.INTERFACE) {
        ClassWriter iface = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        iface.visit(
            Opcodes.V1_8,
            Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
            owner + "$Step",
            null,
            "java/lang/Object",
            null);
        iface
            .visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "run", ROOT_DESC, null, null)
            .visitEnd();
        close(owner + "$Step", iface);
        for (int j = 0; j < width(level); j++) {
          String impl = owner + "$Impl" + j;
          ClassWriter c = open(impl, owner + "$Step");
          MethodVisitor init = c.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
          init.visitCode();
          init.visitVarInsn(Opcodes.ALOAD, 0);
          init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
          init.visitInsn(Opcodes.RETURN);
          init.visitMaxs(0, 0);
          init.visitEnd();
          MethodVisitor run = c.visitMethod(Opcodes.ACC_PUBLIC, "run", ROOT_DESC, null, null);
          body(run, level, j, 1, 2);
          close(impl, c);
        }
      } else {
        ClassWriter c = open(owner, null);
        for (int j = 0; j < width(level); j++) {
          MethodVisitor mv =
              c.visitMethod(
                  Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m" + j, ROOT_DESC, null, null);
          body(mv, level, j, 0, 1);
        }
        close(owner, c);
      }
    }

    /** {@code int f(int[] a, int x)}: maybe the planted effect, then calls into the next level. */
    private void body(MethodVisitor m, int level, int index, int a, int x) {
      m.visitCode();
      if (effect != null && level == plantLevel && index == plantIndex % width(level)) {
        plant(m, a, x);
      }
      m.visitVarInsn(Opcodes.ILOAD, x);
      int next = level + 1;
      if (next <= levels.size()) {
        String owner = "gen/L" + next;
        if (levels.get(level) == Shape.INTERFACE) {
          m.visitTypeInsn(Opcodes.NEW, owner + "$Impl0");
          m.visitInsn(Opcodes.DUP);
          m.visitMethodInsn(Opcodes.INVOKESPECIAL, owner + "$Impl0", "<init>", "()V", false);
          m.visitVarInsn(Opcodes.ALOAD, a);
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitMethodInsn(Opcodes.INVOKEINTERFACE, owner + "$Step", "run", ROOT_DESC, true);
          m.visitInsn(Opcodes.IADD);
        } else {
          for (int j = 0; j < width(next); j++) {
            m.visitVarInsn(Opcodes.ALOAD, a);
            m.visitVarInsn(Opcodes.ILOAD, x);
            m.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "m" + j, ROOT_DESC, false);
            m.visitInsn(Opcodes.IADD);
          }
        }
      }
      m.visitInsn(Opcodes.IRETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    }

    private void plant(MethodVisitor m, int a, int x) {
      switch (effect) {
        case IO -> {
          m.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(I)V", false);
        }
        case GLOBAL_WRITE -> {
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitFieldInsn(Opcodes.PUTSTATIC, "gen/State", "counter", "I");
        }
        case GLOBAL_READ -> {
          m.visitFieldInsn(Opcodes.GETSTATIC, "gen/State", "counter", "I");
          m.visitInsn(Opcodes.POP);
        }
        case NATIVE -> {
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitMethodInsn(Opcodes.INVOKESTATIC, "gen/State", "hash", "(I)I", false);
          m.visitInsn(Opcodes.POP);
        }
        case THREADS -> {
          m.visitVarInsn(Opcodes.ALOAD, a);
          m.visitInsn(Opcodes.MONITORENTER);
          m.visitVarInsn(Opcodes.ALOAD, a);
          m.visitInsn(Opcodes.MONITOREXIT);
        }
        case ARG_MUTATION -> {
          m.visitVarInsn(Opcodes.ALOAD, a);
          m.visitInsn(Opcodes.ICONST_0);
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitInsn(Opcodes.IASTORE);
        }
        case NONDETERMINISTIC -> {
          m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
          m.visitInsn(Opcodes.POP2);
        }
        case REFLECTION -> {
          m.visitLdcInsn("gen.Root");
          m.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              "java/lang/Class",
              "forName",
              "(Ljava/lang/String;)Ljava/lang/Class;",
              false);
          m.visitInsn(Opcodes.POP);
        }
        case EXIT -> {
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        }
        case UNKNOWN -> {
          m.visitVarInsn(Opcodes.ILOAD, x);
          m.visitMethodInsn(Opcodes.INVOKESTATIC, "missing/Library", "f", "(I)I", false);
          m.visitInsn(Opcodes.POP);
        }
      }
    }

    /** A static counter written by a method the root never reaches, and a native method. */
    private void writeState() {
      ClassWriter c = open("gen/State", null);
      c.visitField(Opcodes.ACC_STATIC, "counter", "I", null, null).visitEnd();
      MethodVisitor bump = c.visitMethod(Opcodes.ACC_STATIC, "bump", "()V", null, null);
      bump.visitCode();
      bump.visitInsn(Opcodes.ICONST_1);
      bump.visitFieldInsn(Opcodes.PUTSTATIC, "gen/State", "counter", "I");
      bump.visitInsn(Opcodes.RETURN);
      bump.visitMaxs(0, 0);
      bump.visitEnd();
      c.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE, "hash", "(I)I", null, null).visitEnd();
      close("gen/State", c);
    }

    private static ClassWriter open(String name, String iface) {
      ClassWriter c = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      c.visit(
          Opcodes.V1_8,
          Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
          name,
          null,
          "java/lang/Object",
          iface == null ? null : new String[] {iface});
      return c;
    }

    private void close(String name, ClassWriter c) {
      c.visitEnd();
      classes.add(Map.entry(name + ".class", c.toByteArray()));
    }
  }
}
