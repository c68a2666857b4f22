package dev.farcall.coordinator.timeline;

import dev.farcall.coordinator.run.RemoteInvoker;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ThrownException;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Wraps every {@link RemoteInvoker} bean so that each remote call of a run lands on its timeline
 * when it completes. The call itself is passed on untouched; recording is a few field writes.
 */
@Component
class TimelineInvokers implements BeanPostProcessor {

  private final ObjectProvider<TimelineRecorder> recorder;

  /** Resolved lazily: a post-processor must not pull the recorder's dependencies in early. */
  TimelineInvokers(ObjectProvider<TimelineRecorder> recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof RemoteInvoker invoker) {
      return (RemoteInvoker) call -> recorded(invoker, call);
    }
    return bean;
  }

  private java.util.concurrent.CompletableFuture<InvocationResult> recorded(
      RemoteInvoker invoker, RemoteInvoker.RemoteCall call) {
    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    return invoker
        .invoke(call)
        .whenComplete(
            (result, failure) -> {
              long micros = (System.nanoTime() - startNanos) / 1_000;
              String site = call.method().toString();
              if (result != null) {
                int outcome =
                    result.getOutcome() instanceof ThrownException
                        ? Timeline.THREW
                        : result.getOutcome() instanceof dev.farcall.model.wire.InvocationError
                            ? Timeline.FAILED
                            : Timeline.RETURNED;
                recorder
                    .getObject()
                    .record(
                        call.runId(),
                        site,
                        String.valueOf(result.getWorkerId()),
                        start,
                        micros,
                        result.getExecuteMicros(),
                        outcome);
              } else {
                recorder
                    .getObject()
                    .record(call.runId(), site, "", start, micros, 0, Timeline.FAILED);
              }
            });
  }
}
