package dev.farcall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Remote objects under plain {@code java}: a local object with the remote ordering rules. */
class RemoteRefLocalTests {

  /** Records every increment as "thread:sequence", so a test can check each caller's order. */
  public static final class Counter {
    private int value;
    private final List<String> log = new ArrayList<>();

    public Counter(int start) {
      this.value = start;
    }

    public int add(String caller, int sequence) {
      log.add(caller + ":" + sequence);
      return ++value;
    }

    public int refuse(String why) {
      throw new IllegalStateException(why);
    }

    public int value() {
      return value;
    }

    public List<String> log() {
      return List.copyOf(log);
    }
  }

  /** A constructor that fails. */
  public static final class Broken {
    public Broken() throws Exception {
      throw new java.io.IOException("no");
    }
  }

  @Test
  void fourThreadsOfAThousandIncrementsEachCountToFourThousandInTheirOwnOrder() throws Exception {
    RemoteRef<Counter> counter = Farcall.remote(Counter::new, 0);
    List<Thread> threads = new ArrayList<>();
    List<CompletableFuture<Integer>> last = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "t" + t;
      CompletableFuture<Integer> done = new CompletableFuture<>();
      last.add(done);
      Thread thread =
          new Thread(
              () -> {
                CompletableFuture<Integer> f = null;
                for (int i = 0; i < 1000; i++) {
                  f = counter.call(Counter::add, name, i);
                }
                f.whenComplete((v, e) -> done.complete(v));
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get();

    assertThat(counter.get(Counter::value)).isEqualTo(4000);
    List<String> log = counter.get(Counter::log);
    for (int t = 0; t < 4; t++) {
      String prefix = "t" + t + ":";
      List<Integer> order =
          log.stream()
              .filter(s -> s.startsWith(prefix))
              .map(s -> Integer.parseInt(s.substring(prefix.length())))
              .toList();
      assertThat(order).hasSize(1000).isSorted();
    }
  }

  @Test
  void aCallAfterCloseFailsWithCauseClosed() {
    RemoteRef<Counter> counter = Farcall.remote(Counter::new, 5);
    assertThat(counter.get(Counter::value)).isEqualTo(5);
    counter.close();

    assertThatThrownBy(() -> counter.get(Counter::value))
        .isInstanceOfSatisfying(
            RemoteObjectLostException.class,
            e -> assertThat(e.lossCause()).isEqualTo(RemoteObjectLostException.Cause.CLOSED));
  }

  @Test
  void aThrowingConstructorFailsWithCauseConstructorFailedAndItsException() {
    assertThatThrownBy(() -> Farcall.remote(Broken::new))
        .isInstanceOfSatisfying(
            RemoteObjectLostException.class,
            e ->
                assertThat(e.lossCause())
                    .isEqualTo(RemoteObjectLostException.Cause.CONSTRUCTOR_FAILED))
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void getRethrowsTheMethodsOwnException() {
    RemoteRef<Counter> counter = Farcall.remote(Counter::new, 0);
    assertThatThrownBy(() -> counter.get(Counter::refuse, "no"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no");
    CompletableFuture<Integer> f = counter.call(Counter::refuse, "later");
    assertThatThrownBy(f::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(counter.get(Counter::value)).isZero();
  }
}
