package dev.farcall.coordinator.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The dispatcher's meters, named {@code farcall.dispatch.*}. */
final class DispatchMetrics {

  final Counter sent;
  final Counter retried;
  final Counter duplicates;
  final Counter deadlineExpired;
  final Counter malformedReplies;
  final Timer roundTrip;

  DispatchMetrics(MeterRegistry registry, Supplier<Number> pending) {
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
    Gauge.builder("farcall.dispatch.pending", pending)
        .description("Calls in flight")
        .register(registry);
  }
}
