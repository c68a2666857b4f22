package dev.farcall.worker.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.ThrownException;
import org.junit.jupiter.api.Test;

class ThrownExceptionsTests {

  @Test
  void carriesBinaryClassNameMessageAndCauses() {
    ThrownException form =
        ThrownExceptions.of(new Nested.Failure("outer", new IllegalArgumentException("inner")));

    assertThat(form.getClassName())
        .isEqualTo("dev.farcall.worker.invoke.ThrownExceptionsTests$Nested$Failure");
    assertThat(form.getMessage()).isEqualTo("outer");
    assertThat(form.getCause().getClassName()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(form.getCause().getMessage()).isEqualTo("inner");
    assertThat(form.getCause().getCause()).isNull();
  }

  @Test
  void causeChainIsCappedAndCyclesEnd() {
    RuntimeException deep = new RuntimeException("0");
    for (int i = 1; i < 20; i++) {
      deep = new RuntimeException(String.valueOf(i), deep);
    }
    Nested.Cyclic a = new Nested.Cyclic("a");
    Nested.Cyclic b = new Nested.Cyclic("b");
    a.initCause(b);
    b.initCause(a);

    assertThat(depth(ThrownExceptions.of(deep))).isEqualTo(ThrownExceptions.MAX_CAUSES + 1);
    assertThat(depth(ThrownExceptions.of(a))).isEqualTo(2);
  }

  @Test
  void framesOfTheWorkerBeneathTheMethodAreLeftOut() {
    RuntimeException e = new RuntimeException("x");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "farcall-program-calc", null, null, "demo.Calc", "fail", "Calc.java", 3),
          new StackTraceElement("dev.farcall.worker.invoke.CallExecutor", "invoke", null, 9),
          new StackTraceElement("java.lang.Thread", "run", null, 1)
        });

    assertThat(ThrownExceptions.of(e).getStackTrace())
        .containsExactly("demo.Calc.fail(Calc.java:3)");
  }

  @Test
  void messageThatFailsToRenderIsLeftOut() {
    RuntimeException rude =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message for you");
          }
        };

    assertThat(ThrownExceptions.of(rude).getMessage()).isNull();
  }

  private static int depth(ThrownException form) {
    int n = 0;
    for (ThrownException f = form; f != null; f = f.getCause()) {
      n++;
    }
    return n;
  }

  static final class Nested {
    static final class Failure extends RuntimeException {
      Failure(String message, Throwable cause) {
        super(message, cause);
      }
    }

    static final class Cyclic extends RuntimeException {
      Cyclic(String message) {
        super(message);
      }
    }
  }
}
