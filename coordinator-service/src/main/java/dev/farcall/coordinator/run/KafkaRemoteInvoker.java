package dev.farcall.coordinator.run;

import dev.farcall.coordinator.dispatch.DispatchRequest;
import dev.farcall.coordinator.dispatch.Dispatcher;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Remote calls of runs through the coordinator's Kafka dispatch layer, which picks a live worker,
 * retries on another one and deduplicates replies.
 */
@Component
class KafkaRemoteInvoker implements RemoteInvoker {

  private final Dispatcher dispatcher;

  KafkaRemoteInvoker(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public CompletableFuture<InvocationResult> invoke(RemoteCall call) {
    Duration timeout = Duration.between(Instant.now(), call.deadline());
    if (timeout.isNegative() || timeout.isZero()) {
      return CompletableFuture.failedFuture(new IllegalStateException("deadline already passed"));
    }
    DispatchRequest request =
        new DispatchRequest(
            call.programId(),
            call.jarSha256(),
            new MethodRef(
                call.method().className(), call.method().methodName(), call.method().descriptor()),
            call.fingerprint(),
            List.of(call.arguments()),
            Optional.of(timeout),
            Optional.of(call.runId()));
    return dispatcher
        .dispatch(request)
        .thenApply(
            outcome -> {
              InvocationResult result = outcome.result();
              if (result.getAttempt() < outcome.attempts()) {
                result.setAttempt(outcome.attempts());
              }
              return result;
            });
  }
}
