package dev.farcall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.api.spi.AsyncDispatcher;
import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.api.spi.AsyncTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FarcallTests {

  static int square(int x) {
    return x * x;
  }

  static String join(String a, String b) {
    return a + b;
  }

  static int fail(int x) throws Exception {
    throw new java.io.IOException("failed on " + x);
  }

  private final String prefix = ">";

  String greet(String name) {
    return prefix + name;
  }

  @Test
  void asyncOutsideFarcallRunsOnALocalDaemonPoolNotTheCommonPool() {
    CompletableFuture<String> thread = Farcall.async(FarcallTests::threadName);

    assertThat(Farcall.async(FarcallTests::square, 7).join()).isEqualTo(49);
    assertThat(Farcall.async(FarcallTests::join, "a", "b").join()).isEqualTo("ab");
    assertThat(thread.join()).startsWith("farcall-async-");
  }

  static String threadName() {
    return Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "" : "!daemon");
  }

  @Test
  void asyncCompletesExceptionallyWithExactlyTheThrownException() {
    CompletableFuture<Integer> failed = Farcall.async(FarcallTests::fail, 3);

    assertThatThrownBy(failed::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("failed on 3");
  }

  @Test
  void underARunTheDispatcherOfTheCallersLoaderGetsTheTargetMethodAndAllArguments() {
    List<String> seen = new ArrayList<>();
    AsyncDispatcher recording =
        new AsyncDispatcher() {
          @Override
          public <R> CompletableFuture<R> dispatch(
              AsyncTarget target, Object[] arguments, Callable<R> local) {
            seen.add(target + " " + Arrays.toString(arguments));
            try {
              return CompletableFuture.completedFuture(local.call());
            } catch (Exception e) {
              return CompletableFuture.failedFuture(e);
            }
          }
        };
    ClassLoader loader = FarcallTests.class.getClassLoader();
    AsyncDispatchers.register(loader, recording);
    try {
      assertThat(Farcall.async(FarcallTests::square, 5).join()).isEqualTo(25);
      assertThat(Farcall.async(this::greet, "x").join()).isEqualTo(">x");
    } finally {
      AsyncDispatchers.unregister(loader);
    }

    assertThat(seen.get(0))
        .isEqualTo(new AsyncTarget(FarcallTests.class.getName(), "square", "(I)I", true) + " [5]");
    assertThat(seen.get(1))
        .startsWith(
            new AsyncTarget(
                    FarcallTests.class.getName(),
                    "greet",
                    "(Ljava/lang/String;)Ljava/lang/String;",
                    false)
                .toString())
        .endsWith(", x]");
    assertThat(AsyncDispatchers.forLoader(loader)).isEmpty();
  }
}
