package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.model.program.ProgramClassLoader;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodResolverTests {

  @TempDir static Path dir;
  static ProgramClassLoader loader;

  @BeforeAll
  static void compile() {
    loader =
        ProgramClassLoader.fromJar(
            TestPrograms.jar(dir, TestPrograms.CALC),
            "p1",
            MethodResolverTests.class.getClassLoader());
  }

  private static Method resolve(String cls, String name, List<String> types, int args) {
    return MethodResolver.resolve(loader, "p1", cls, name, Optional.ofNullable(types), args);
  }

  @Test
  void parameterTypesChooseAnOverload() {
    Method m = resolve("example.Calc", "add", List.of("long", "long"), 2);

    assertThat(m.getParameterTypes()).containsExactly(long.class, long.class);
    assertThat(m.getDeclaringClass().getClassLoader()).isSameAs(loader);
  }

  @Test
  void parameterTypesAcceptArraysAndQualifiedNames() {
    assertThat(resolve("example.Calc", "squares", List.of("int[]"), 1).getName())
        .isEqualTo("squares");
    assertThat(resolve("example.Calc", "add", List.of("java.lang.String", " java.lang.String"), 2))
        .extracting(Method::getReturnType)
        .isEqualTo(String.class);
    assertThat(resolve("example.Calc$Nested", "one", List.of("example.Calc.Nested.Kind"), 1))
        .extracting(Method::getName)
        .isEqualTo("one");
  }

  @Test
  void argumentCountChoosesAnOverloadWithoutParameterTypes() {
    Method m = resolve("example.Calc", "twice", null, 2);

    assertThat(MethodResolver.signature(m))
        .isEqualTo("static java.lang.String example.Calc.twice(java.lang.String, int)");
  }

  @Test
  void sameArityOverloadsWithoutParameterTypesAreAmbiguousAndListed() {
    assertThatThrownBy(() -> resolve("example.Calc", "add", null, 2))
        .isInstanceOfSatisfying(
            AmbiguousMethodException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(422);
              assertThat(e.problemType()).isEqualTo("ambiguous-method");
              assertThat(e.candidates())
                  .containsExactlyInAnyOrder(
                      "static int example.Calc.add(int, int)",
                      "static long example.Calc.add(long, long)",
                      "static java.lang.String example.Calc.add(java.lang.String,"
                          + " java.lang.String)");
            });
  }

  @Test
  void instanceMethodTakesReceiverAsFirstArgument() {
    Method m = resolve("example.Counter", "plus", null, 2);

    assertThat(m.getParameterCount()).isEqualTo(1);
    assertThatThrownBy(() -> resolve("example.Counter", "plus", null, 1))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessageContaining("receiver");
  }

  @Test
  void unknownMethodIsNotFound() {
    assertThatThrownBy(() -> resolve("example.Calc", "multiply", null, 2))
        .isInstanceOfSatisfying(
            MethodNotFoundException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(404);
              assertThat(e.problemType()).isEqualTo("method-not-found");
              assertThat(e.properties())
                  .containsEntry("className", "example.Calc")
                  .containsEntry("methodName", "multiply");
            });
  }

  @Test
  void nonPublicMethodIsNotFound() {
    assertThatThrownBy(() -> resolve("example.Calc", "hidden", null, 0))
        .isInstanceOf(MethodNotFoundException.class);
  }

  @Test
  void unknownClassAndJdkClassAreNotFound() {
    assertThatThrownBy(() -> resolve("example.Missing", "f", null, 0))
        .isInstanceOf(MethodNotFoundException.class)
        .hasMessageContaining("example.Missing");
    assertThatThrownBy(() -> resolve("java.lang.System", "exit", null, 1))
        .isInstanceOf(MethodNotFoundException.class);
  }

  @Test
  void parameterTypesMatchingNoOverloadAreNotFoundWithCandidates() {
    assertThatThrownBy(() -> resolve("example.Calc", "add", List.of("double", "double"), 2))
        .isInstanceOfSatisfying(
            MethodNotFoundException.class,
            e ->
                assertThat(e.candidates())
                    .hasSize(3)
                    .contains("static int example.Calc.add(int, int)"));
  }

  @Test
  void wrongArgumentCountForChosenOverloadIsInvalidArguments() {
    assertThatThrownBy(() -> resolve("example.Calc", "add", List.of("int", "int"), 3))
        .isInstanceOfSatisfying(
            InvalidArgumentsException.class,
            e -> {
              assertThat(e.problemType()).isEqualTo("invalid-arguments");
              assertThat(e.getMessage()).contains("takes 2 argument(s)", "got 3");
            });
  }

  @Test
  void resolvingNeverInitialisesProgramClasses() {
    resolve("example.Calc", "twice", null, 1);
    resolve("example.Calc", "add", List.of("int", "int"), 2);

    assertThat(System.getProperty(TestPrograms.CALC_INITIALISED)).isNull();
  }
}
