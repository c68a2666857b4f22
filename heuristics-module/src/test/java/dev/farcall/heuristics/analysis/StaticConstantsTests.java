package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.statics.StaticTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static finals of a program that also writes static arrays the analysis cannot name one by one
 * ({@link StaticTables}, analysed alone so that it does not colour the other ground truth): a read
 * of an immutable constant stays a constant read, a read of an array written elsewhere never is.
 */
class StaticConstantsTests {

  private static final String CLASS = StaticTables.class.getName();
  private static ProgramModel model;

  @BeforeAll
  static void analyse() {
    model =
        new JarAnalyzer()
            .analyze(
                staticTablesJar(),
                AnalysisOptions.defaults().withTransferability(new SignatureTransferability()));
  }

  @Test
  void programWritesStaticObjectsTheAnalysisCannotName() {
    assertThat(method("scribble").reasons())
        .anyMatch(r -> r.startsWith("GLOBAL_WRITE") && r.contains("several static fields"));
  }

  @Test
  void readOfAnImmutableProgramConstantIsMovableWhileUnnamedStaticObjectsAreWritten() {
    MethodAnalysis toMetres = method("toMetres");
    assertThat(toMetres.movable()).as("%s", toMetres.reasons()).isTrue();
    assertThat(toMetres.effects()).isEmpty();
  }

  @Test
  void readOfAnEnumConstantsFinalFieldIsMovableWhileUnnamedStaticObjectsAreWritten() {
    MethodAnalysis digits = method("exactDigits");
    assertThat(digits.movable()).as("%s", digits.reasons()).isTrue();
  }

  @Test
  void readOfAStaticFinalArrayWrittenElsewhereStaysHome() {
    MethodAnalysis weight = method("weight");
    assertThat(weight.movable()).isFalse();
    assertThat(weight.effects()).containsExactly(Effect.GLOBAL_READ);
    assertThat(weight.reasons())
        .anyMatch(r -> r.contains("WEIGHTS") && r.contains("written by StaticTables.reweigh"));
  }

  @Test
  void readOfAMutableStaticArrayIsSuspectWhileUnnamedStaticObjectsAreWritten() {
    // nobody writes PRIMES, but a write to "several static fields" might: sound, not precise
    assertThat(method("prime").movable()).isFalse();
    assertThat(method("prime").effects()).containsExactly(Effect.GLOBAL_READ);
  }

  private static MethodAnalysis method(String name) {
    List<MethodAnalysis> found =
        model.methods().stream()
            .filter(m -> m.className().equals(CLASS) && m.methodName().equals(name))
            .toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /** The classes of package {@code statics} only, from the test class path, as a jar. */
  private static Path staticTablesJar() {
    try {
      Path root =
          Path.of(StaticTables.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path pkg = root.resolve("dev/farcall/heuristics/analysis/statics");
      try (Stream<Path> files = Files.list(pkg)) {
        List<Map.Entry<String, byte[]>> entries =
            files
                .filter(f -> f.toString().endsWith(".class"))
                .map(f -> Map.entry(root.relativize(f).toString().replace('\\', '/'), read(f)))
                .toList();
        return TestPrograms.jar(entries);
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot locate the test classes", e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
