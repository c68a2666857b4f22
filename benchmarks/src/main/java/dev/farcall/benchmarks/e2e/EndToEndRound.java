package dev.farcall.benchmarks.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round of the end-to-end benchmark: each system this run started measured once at the sizes
 * below, the unmeasured warm-up round at a fifth of them. What this run measures is set in the
 * fields; null fields are skipped.
 */
final class EndToEndRound {

  private static final Duration LIMIT = Duration.ofMinutes(2);

  // Sizes: bounded so one repetition takes well under a minute on 2 loaded cores.
  private static final int ONE_AT_A_TIME = 2_000;
  private static final int RAW_PIPELINED = 100_000;
  private static final int RAW_IN_FLIGHT = 5_000;
  private static final int FARCALL_PIPELINED = 50_000;
  static final int FARCALL_IN_FLIGHT = 4_096;
  private static final int FARCALL_BATCH = 64;
  private static final int REST_CALLS = 300;
  private static final int RMI_CALLS = 10_000;
  private static final double CALLERS_SECONDS = 3;
  private static final int HZ_SYNC_CALLS = 5_000;
  private static final int HZ_ASYNC_CALLS = 100_000;
  private static final int HZ_IN_FLIGHT = 1_024;

  RawKafkaRequestReply raw;
  FarcallCalls farcall;
  RmiPeer.NoopService rmi;
  int hazelcastPort;

  /** Measures every system once; repetition 0 is the unmeasured warm-up round. */
  void measure(Map<String, List<Result>> results, int repetition) throws Exception {
    boolean warmUp = repetition == 0;
    int scale = warmUp ? 5 : 1; // the warm-up round is a fifth of a measured one
    if (raw != null) {
      add(results, "raw Kafka, 1 in flight", raw.oneAtATime(ONE_AT_A_TIME / scale));
      add(
          results,
          "raw Kafka, pipelined " + RAW_IN_FLIGHT + " in flight",
          raw.pipelined(RAW_PIPELINED / scale, RAW_IN_FLIGHT));
    }
    if (farcall != null) {
      add(
          results,
          "Farcall Dispatcher, 1 in flight",
          Measure.oneAtATime("farcall 1", 200 / scale, ONE_AT_A_TIME / scale, farcall::one));
      add(
          results,
          "Farcall Dispatcher, " + FARCALL_IN_FLIGHT + " in flight",
          Measure.pipelined(
              "farcall pipelined",
              FARCALL_PIPELINED / scale,
              FARCALL_IN_FLIGHT,
              LIMIT,
              farcall::async));
      add(
          results,
          "Farcall Dispatcher, batches of "
              + FARCALL_BATCH
              + ", "
              + FARCALL_IN_FLIGHT
              + " in flight",
          farcall.batched(FARCALL_PIPELINED / scale, FARCALL_IN_FLIGHT, FARCALL_BATCH, LIMIT));
      add(
          results,
          "Farcall REST invocation, 1 in flight",
          Measure.oneAtATime("farcall rest", 20, REST_CALLS / scale, farcall::rest));
    }
    if (rmi != null) {
      add(
          results,
          "Java RMI, 1 caller",
          Measure.oneAtATime("rmi 1", 2_000 / scale, RMI_CALLS / scale, rmi::noop));
      add(
          results,
          "Java RMI, 8 callers",
          Measure.callers("rmi 8", 8, CALLERS_SECONDS / scale, rmi::noop));
      add(
          results,
          "Java RMI, 32 callers",
          Measure.callers("rmi 32", 32, CALLERS_SECONDS / scale, rmi::noop));
    }
    if (hazelcastPort > 0) {
      List<Result> hz =
          HazelcastPeer.measureInChild(
              hazelcastPort,
              EndToEndBenchmark.hazelcastJvmOptions(),
              HZ_SYNC_CALLS / scale,
              HZ_ASYNC_CALLS / scale,
              HZ_IN_FLIGHT);
      add(results, "Hazelcast submitToMember, sync, 1 caller", hz.get(0));
      add(results, "Hazelcast submitToMember, async, " + HZ_IN_FLIGHT + " in flight", hz.get(1));
    }
    if (!warmUp) {
      results.forEach(
          (name, list) -> {
            Result last = list.get(list.size() - 1);
            System.out.printf(
                Locale.ROOT,
                "  %-56s p50 %8s µs   p99 %8s µs   %,10.0f /s%n",
                name,
                last.p50Micros() < 0 ? "–" : String.valueOf(last.p50Micros()),
                last.p99Micros() < 0 ? "–" : String.valueOf(last.p99Micros()),
                last.perSecond());
          });
    }
  }

  private static void add(Map<String, List<Result>> results, String name, Result result) {
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(result);
  }
}
