package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The analysis with the production transferability check: the shared-model codec. */
class CodecTransferabilityCheckTests {

  private static final String PKG = "dev.farcall.examples.analysis.";
  private static ProgramModel model;

  @BeforeAll
  static void analyse() {
    model = new JarAnalyzer().analyze(TestPrograms.examplesJar(), AnalysisOptions.defaults());
  }

  @Test
  void effectFreeMethodsWithEncodableSignaturesMove() {
    assertThat(method("Sorting", "sortedCopy").movable()).isTrue();
    assertThat(method("Sorting", "sortedNames").movable()).isTrue();
    assertThat(method("Geometry", "shifted").movable()).isTrue();
    assertThat(method("Point", "manhattan").movable()).isTrue();
    assertThat(method("Heavy", "twice").movable()).isTrue();
  }

  @Test
  void codecRefusalIsTheReason() {
    MethodAnalysis lengthOf = method("Misc", "lengthOf");
    assertThat(lengthOf.effects()).isEmpty();
    assertThat(lengthOf.movable()).isFalse();
    assertThat(lengthOf.reasons())
        .singleElement()
        .asString()
        .startsWith("NOT_TRANSFERABLE: ")
        .contains("java.util.function.Supplier");
    MethodAnalysis render = method("Report", "render");
    assertThat(render.movable()).isFalse();
    assertThat(render.reasons()).singleElement().asString().contains("receiver");
  }

  @Test
  void aSignatureThatCannotBeLoadedIsNotTransferable() {
    ClassWriter c = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    c.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Sig", null, "java/lang/Object", null);
    MethodVisitor m =
        c.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "(Lmissing/Type;)I", null, null);
    m.visitCode();
    m.visitInsn(Opcodes.ICONST_0);
    m.visitInsn(Opcodes.IRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    c.visitEnd();
    ProgramModel sig =
        new JarAnalyzer()
            .analyze(
                TestPrograms.jar(List.of(Map.entry("gen/Sig.class", c.toByteArray()))),
                AnalysisOptions.defaults());
    MethodAnalysis f = sig.method("gen.Sig", "f", "(Lmissing/Type;)I").orElseThrow();
    assertThat(f.effects()).isEmpty();
    assertThat(f.movable()).isFalse();
    assertThat(f.reasons()).singleElement().asString().startsWith("NOT_TRANSFERABLE: ");
  }

  private static MethodAnalysis method(String type, String name) {
    List<MethodAnalysis> found = model.methods(PKG + type, name);
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
