package dev.farcall.heuristics.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.heuristics.knowledge.Declarations.Kind;
import org.junit.jupiter.api.Test;

class DeclarationsTests {

  @Test
  void parsesMethodOverloadAndClassTargets() {
    Declarations d =
        Declarations.parse(
            """
            # declarations
            pure   org.lib.Native#compute(I)I   # one overload
            pinned com.x.Y
            remote com.x.Heavy#crunch
            """,
            "decl.txt");
    assertThat(d.entries()).hasSize(3);
    assertThat(d.find(Kind.PURE, "org.lib.Native", "compute", "(I)I")).isPresent();
    assertThat(d.find(Kind.PURE, "org.lib.Native", "compute", "(J)J")).isEmpty();
    assertThat(d.find(Kind.PINNED, "com.x.Y", "anything", "()V")).isPresent();
    assertThat(d.find(Kind.REMOTE, "com.x.Heavy", "crunch", "(J)J"))
        .get()
        .hasToString("remote com.x.Heavy#crunch (decl.txt:4)");
  }

  @Test
  void errorsNameTheLine() {
    assertThatThrownBy(() -> Declarations.parse("pure a.B\nfast a.B#c\n", "decl.txt"))
        .isInstanceOf(KnowledgeFormatException.class)
        .hasMessageStartingWith("decl.txt:2: unknown declaration 'fast'")
        .satisfies(e -> assertThat(((KnowledgeFormatException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> Declarations.parse("pure a.B#c(Q)I", "decl.txt"))
        .hasMessageContaining("decl.txt:1: not a method descriptor");
    assertThatThrownBy(() -> Declarations.parse("pure a..B", "decl.txt"))
        .hasMessageContaining("not a class name");
    assertThatThrownBy(() -> Declarations.parse("pure", "decl.txt"))
        .hasMessageContaining("expected");
  }
}
