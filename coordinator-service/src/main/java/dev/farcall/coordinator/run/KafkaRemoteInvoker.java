package dev.farcall.coordinator.run;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.Deadline;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Remote calls of runs through the coordinator's dispatch core, which picks a live worker, retries
 * on another one and deduplicates replies.
 */
@Component
class KafkaRemoteInvoker implements RemoteInvoker {

  private final CallDispatcher dispatcher;

  KafkaRemoteInvoker(CallDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public CompletableFuture<InvocationResult> invoke(RemoteCall call) {
    if (!call.deadline().isAfter(Instant.now())) {
      return CompletableFuture.failedFuture(new IllegalStateException("deadline already passed"));
    }
    dev.farcall.dispatch.RemoteCall request =
        dev.farcall.dispatch.RemoteCall.single(
                call.programId(),
                call.jarSha256(),
                new MethodRef(
                    call.method().className(),
                    call.method().methodName(),
                    call.method().descriptor()),
                call.fingerprint(),
                call.arguments(),
                Deadline.at(call.deadline()))
            .inRun(call.runId());
    return dispatcher
        .invoke(request)
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
