package dev.farcall.heuristics.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.heuristics.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTests {

  private static final Map<String, List<String>> SUPERS =
      Map.of(
          "java.util.ArrayList",
          List.of("java.util.AbstractList", "java.util.List", "java.util.Collection"),
          "java.io.IOException",
          List.of("java.lang.Exception", "java.lang.Throwable"),
          "java.lang.String",
          List.of("java.lang.CharSequence"));
  private final KnowledgeBase jdk = KnowledgeBase.jdk();

  private LibraryBehavior lookup(String owner, String name, String desc) {
    return jdk.lookup(owner, name, desc, c -> SUPERS.getOrDefault(c, List.of())).orElseThrow();
  }

  @Test
  void mutatorsAreFoundOnTheInterfaceThatDeclaresThem() {
    LibraryBehavior add = lookup("java.util.ArrayList", "add", "(Ljava/lang/Object;)Z");
    assertThat(add.effects()).isEmpty();
    assertThat(add.mutatesReceiver()).isTrue();
    assertThat(lookup("java.util.ArrayList", "get", "(I)Ljava/lang/Object;").mutatesReceiver())
        .isFalse();
  }

  @Test
  void classEntryBeatsObjectMethodsAndPackageBeatsSupertypes() {
    assertThat(lookup("java.lang.String", "hashCode", "()I").effects()).isEmpty();
    assertThat(lookup("java.lang.Object", "hashCode", "()I").effects())
        .containsExactly(Effect.NONDETERMINISTIC);
    assertThat(lookup("java.io.IOException", "<init>", "(Ljava/lang/String;)V").effects())
        .containsExactly(Effect.IO);
  }

  @Test
  void coversTheCasesTheDesignNames() {
    assertThat(lookup("java.util.Arrays", "sort", "([I)V").mutatesArgument(0)).isTrue();
    assertThat(lookup("java.util.Arrays", "copyOf", "([II)[I").freshResult()).isTrue();
    assertThat(lookup("java.lang.Math", "random", "()D").effects())
        .containsExactly(Effect.NONDETERMINISTIC);
    assertThat(lookup("java.lang.System", "exit", "(I)V").effects()).containsExactly(Effect.EXIT);
    assertThat(
            lookup("java.lang.Throwable", "fillInStackTrace", "()Ljava/lang/Throwable;").effects())
        .isEmpty();
    assertThat(lookup("java.util.Random", "<init>", "()V").effects())
        .containsExactly(Effect.NONDETERMINISTIC);
    assertThat(lookup("java.util.Random", "<init>", "(J)V").effects()).isEmpty();
    assertThat(lookup("java.lang.invoke.LambdaMetafactory", "metafactory", "()V").effects())
        .isEmpty();
    assertThat(lookup("java.lang.invoke.MethodHandle", "invoke", "()V").effects())
        .containsExactly(Effect.REFLECTION);
    assertThat(lookup("sun.misc.Unsafe", "putInt", "(JI)V").effects())
        .containsExactly(Effect.NATIVE);
    assertThat(lookup("java.time.Instant", "now", "()Ljava/time/Instant;").effects())
        .containsExactly(Effect.NONDETERMINISTIC);
    assertThat(lookup("java.util.concurrent.ExecutorService", "submit", "()V").concurrentSink())
        .isTrue();
  }

  @Test
  void uncoveredMethodsHaveNoAnswer() {
    assertThat(jdk.lookup("java.beans.Introspector", "decapitalize", "()V", c -> List.of()))
        .isEmpty();
  }

  @Test
  void aUserFileMergesInAndReplacesEntries() {
    KnowledgeBase extended = jdk.merge("java.beans.*  pure\njava.lang.Math#abs  IO\n", "extra.txt");
    assertThat(extended.lookup("java.beans.Introspector", "x", "()V", c -> List.of()))
        .get()
        .satisfies(b -> assertThat(b.source()).isEqualTo("extra.txt:1 java.beans.*"));
    assertThat(
            extended
                .lookup("java.lang.Math", "abs", "(I)I", c -> List.of())
                .orElseThrow()
                .effects())
        .containsExactly(Effect.IO);
  }

  @Test
  void malformedLinesAreReportedWithTheirLine() {
    assertThatThrownBy(() -> KnowledgeBase.empty().merge("# ok\njava.lang.Math FAST\n", "kb.txt"))
        .isInstanceOf(KnowledgeFormatException.class)
        .hasMessage("kb.txt:2: unknown attribute FAST");
    assertThatThrownBy(() -> KnowledgeBase.empty().merge("java.lang.Math\n", "kb.txt"))
        .isInstanceOf(KnowledgeFormatException.class)
        .hasMessageContaining("kb.txt:1");
    assertThatThrownBy(() -> KnowledgeBase.empty().merge("a.B mutates=first\n", "kb.txt"))
        .isInstanceOf(KnowledgeFormatException.class)
        .hasMessageContaining("mutates=");
  }
}
