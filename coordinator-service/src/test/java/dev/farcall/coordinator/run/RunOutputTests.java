package dev.farcall.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunOutputTests {

  @Test
  void outputPastTheCapIsDroppedAfterAVisibleMarkerWhileStderrStaysSeparate() {
    RunOutput output = new RunOutput(16);

    output.out().print("0123456789");
    output.out().print("abcdefghij");
    output.out().print("more");
    output.err().print("oops");

    assertThat(output.stdout())
        .isEqualTo("0123456789abcdef\n[farcall: output truncated at 16 bytes]\n");
    assertThat(output.stderr()).isEqualTo("oops");
    assertThat(output.truncated()).isTrue();
  }

  @Test
  void writesAfterCloseAreIgnoredButWhatCameBeforeStaysReadable() {
    RunOutput output = new RunOutput(1024);
    output.out().println("kept");

    output.close();
    output.out().println("dropped");

    assertThat(output.stdout()).isEqualTo("kept\n");
    assertThat(output.truncated()).isFalse();
  }
}
