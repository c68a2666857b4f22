package dev.farcall.coordinator.dispatch;

import dev.farcall.dispatch.DispatchListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The coordinator dispatcher's meters, named {@code farcall.dispatch.*}. */
final class MicrometerDispatchListener implements DispatchListener {

  private final MeterRegistry registry;
  private final Counter sent;
  private final Counter retried;
  private final Counter duplicates;
  private final Counter deadlineExpired;
  private final Counter malformedReplies;
  private final Timer roundTrip;

  MicrometerDispatchListener(MeterRegistry registry) {
    this.registry = registry;
    sent =
        Counter.builder("farcall.dispatch.sent")
            .description("Calls sent for the first time")
            .register(registry);
    retried =
        Counter.builder("farcall.dispatch.retried")
            .description("Calls sent again after their worker turned SUSPECT/DEAD or timed out")
            .register(registry);
    duplicates =
        Counter.builder("farcall.dispatch.duplicates")
            .description("Replies ignored because their call was already completed (or expired)")
            .register(registry);
    deadlineExpired =
        Counter.builder("farcall.dispatch.deadline.expired")
            .description("Calls failed because no reply arrived before their deadline")
            .register(registry);
    malformedReplies =
        Counter.builder("farcall.dispatch.replies.malformed")
            .description("Records on the replies topic that could not be decoded")
            .register(registry);
    roundTrip =
        Timer.builder("farcall.dispatch.round.trip")
            .description("From a call's first send to its reply")
            .register(registry);
  }

  void gaugePending(Supplier<Number> pending) {
    Gauge.builder("farcall.dispatch.pending", pending)
        .description("Calls in flight")
        .register(registry);
  }

  @Override
  public void sent(int calls) {
    sent.increment(calls);
  }

  @Override
  public void resent(int calls) {
    retried.increment(calls);
  }

  @Override
  public void duplicateReply() {
    duplicates.increment();
  }

  @Override
  public void deadlineExpired() {
    deadlineExpired.increment();
  }

  @Override
  public void malformedReply() {
    malformedReplies.increment();
  }

  @Override
  public void answered(long micros) {
    roundTrip.record(micros, TimeUnit.MICROSECONDS);
  }
}
