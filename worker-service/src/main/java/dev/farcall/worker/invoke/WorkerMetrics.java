package dev.farcall.worker.invoke;

import dev.farcall.model.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the worker does, for Micrometer ({@code /actuator/prometheus}) and for heartbeats:
 * calls answered (returned or threw), calls failed (an invocation error, by code), time spent
 * executing, and the calls running right now.
 */
public class WorkerMetrics {

  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder answered = new LongAdder();
  private final LongAdder executed = new LongAdder();
  private final LongAdder executeMicros = new LongAdder();
  private final Counter returned;
  private final Counter threw;
  private final Map<ErrorCode, Counter> failed = new EnumMap<>(ErrorCode.class);
  private final Timer executeTimer;
  private final Counter offsetCommits;

  public WorkerMetrics(MeterRegistry registry) {
    returned = completedCounter(registry, "returned");
    threw = completedCounter(registry, "threw");
    for (ErrorCode code : ErrorCode.values()) {
      failed.put(
          code,
          Counter.builder("farcall.worker.invocations.failed")
              .description("Calls the worker could not invoke, by error code")
              .tag("code", code.name())
              .register(registry));
    }
    executeTimer =
        Timer.builder("farcall.worker.execute")
            .description("Time spent inside invoked methods")
            .register(registry);
    offsetCommits =
        Counter.builder("farcall.worker.offset.commits")
            .description("Commits of answered invocation offsets sent to Kafka")
            .register(registry);
    Gauge.builder("farcall.worker.in.flight", inFlight, AtomicInteger::get)
        .description("Calls executing right now")
        .register(registry);
  }

  private static Counter completedCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("farcall.worker.invocations.completed")
        .description("Calls whose method ran, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** A call takes a slot. */
  public void started() {
    inFlight.incrementAndGet();
  }

  /** A call leaves its slot. */
  public void finished() {
    inFlight.decrementAndGet();
  }

  /** The method ran for {@code micros} and returned ({@code threw == false}) or threw. */
  public void executed(long micros, boolean threwException) {
    (threwException ? threw : returned).increment();
    executeTimer.record(micros, TimeUnit.MICROSECONDS);
    executed.increment();
    executeMicros.add(micros);
    answered.increment();
  }

  /** The call could not be invoked. */
  public void failed(ErrorCode code) {
    failed.get(code).increment();
    answered.increment();
  }

  /** The worker asked Kafka to commit answered offsets. */
  public void offsetsCommitted() {
    offsetCommits.increment();
  }

  /** Calls executing right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Calls answered so far, whatever the outcome. */
  public long completed() {
    return answered.sum();
  }

  /** Mean time spent inside invoked methods, 0 before the first call. */
  public double meanExecuteMicros() {
    long n = executed.sum();
    return n == 0 ? 0.0 : (double) executeMicros.sum() / n;
  }
}
