package dev.farcall.driver.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JFR sampler of a run's driver: it counts samples, and it starts no thread that would keep the
 * run's JVM alive once the program's own threads have ended (plain {@code java} would exit).
 */
class CpuSamplerTests {

  private static final MethodId SPIN =
      new MethodId(CpuSamplerTests.class.getName(), "spin", "(J)J");

  static long spin(long until) {
    long x = 0;
    while (System.nanoTime() < until) {
      x = x * 31 + 7;
    }
    return x;
  }

  @Test
  void samplesAProgramRunningPastTheStartDelayWithoutANonDaemonThread() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (CpuSampler sampler =
        new CpuSampler(List.of(SPIN), Duration.ofMillis(10), Duration.ofMillis(200))) {
      sampler.start();

      await()
          // JFR's first sample came 2 s to over 60 s after the start in surefire's JVM (under 2 s
          // standalone); cause not found, the bound only keeps a broken sampler from passing
          .atMost(Duration.ofMinutes(3))
          .until(
              () -> {
                spin(System.nanoTime() + 50_000_000L);
                return sampler.samples(0) > 0;
              });

      Set<String> started =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
              .map(Thread::getName)
              .collect(Collectors.toSet());
      assertThat(started).as("non-daemon threads the sampler started").isEmpty();
    }
  }

  /**
   * A program that ends before the start delay never starts JFR, whose start can deadlock with the
   * JVM's shutdown on JDK 17 (JDK-8373439) and leave the run's JVM hung.
   */
  @Test
  void programEndingWithinTheStartDelayNeverStartsJfr() throws InterruptedException {
    CpuSampler sampler =
        new CpuSampler(List.of(SPIN), Duration.ofMillis(10), Duration.ofMillis(300));
    sampler.start();

    sampler.stopAtExit();

    assertThat(sampler.awaitSamplingEnded(Duration.ofSeconds(30)))
        .as("the sampling thread ended")
        .isTrue();
    assertThat(sampler.startedJfr()).as("JFR started").isFalse();
  }
}
