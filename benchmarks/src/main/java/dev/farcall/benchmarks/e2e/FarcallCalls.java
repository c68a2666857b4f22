package dev.farcall.benchmarks.e2e;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.examples.invoke.Work;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The end-to-end benchmark's Farcall side: calls of {@link Work#noop()} through the coordinator's
 * {@link CallDispatcher} (one at a time, pipelined, in batches), the Java path the run driver uses,
 * and through the REST invocation endpoint.
 */
final class FarcallCalls {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final CallDispatcher dispatcher;
  private final RemoteCall single;
  private final String programId;
  private final String jarSha256;
  private final MethodRef method;
  private final long fingerprint;
  private final byte[] payload;
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpRequest restRequest;

  FarcallCalls(FarcallCluster cluster) throws Exception {
    dispatcher = cluster.dispatcher();
    Method noop = Work.class.getMethod("noop");
    MethodCodec codec = new ArgumentCodec(Work.class.getClassLoader()).forMethod(noop);
    programId = cluster.programId;
    jarSha256 = cluster.jarSha256;
    method = new MethodRef(Work.class.getName(), "noop", MethodDescriptors.of(noop));
    fingerprint = codec.argumentFingerprint();
    payload = codec.encodeArguments(new Object[0]);
    single =
        RemoteCall.single(
            programId, jarSha256, method, fingerprint, payload, Deadline.in(CALL_TIMEOUT));
    restRequest =
        HttpRequest.newBuilder(
                URI.create(cluster.apiUrl() + "/programs/" + programId + "/invocations"))
            .header("Authorization", "Bearer " + cluster.adminToken)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"className\":\"" + Work.class.getName() + "\",\"methodName\":\"noop\"}"))
            .build();
  }

  private static void check(InvocationOutcome outcome) {
    if (!(outcome.result().getOutcome() instanceof ReturnedValue)) {
      throw new IllegalStateException("not a returned value: " + outcome.result());
    }
  }

  /** Passes a completion on to {@code done}, an outcome other than a returned value as an error. */
  private static void complete(
      InvocationOutcome outcome, Throwable error, BiConsumer<Object, Throwable> done) {
    if (error == null && !(outcome.result().getOutcome() instanceof ReturnedValue)) {
      error = new IllegalStateException("not a returned value: " + outcome.result());
    }
    done.accept(outcome, error);
  }

  void one() throws Exception {
    check(
        dispatcher
            .invoke(single.withDeadline(Deadline.in(CALL_TIMEOUT)))
            .get(30, TimeUnit.SECONDS));
  }

  /** Completes on the dispatcher's own completion threads (no async stage here). */
  void async(BiConsumer<Object, Throwable> done) {
    dispatcher
        .invoke(single.withDeadline(Deadline.in(CALL_TIMEOUT)))
        .whenComplete((outcome, error) -> complete(outcome, error, done));
  }

  void rest() throws Exception {
    HttpResponse<String> response = http.send(restRequest, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "REST invocation: " + response.statusCode() + " " + response.body());
    }
  }

  /** Calls sent {@code batch} per request, up to {@code inFlight} calls outstanding. */
  Result batched(int calls, int inFlight, int batch, Duration limit) throws Exception {
    RemoteCall request =
        new RemoteCall(
            programId,
            jarSha256,
            method,
            fingerprint,
            Collections.nCopies(batch, payload),
            Deadline.in(CALL_TIMEOUT),
            Optional.empty(),
            RemoteCall.Delivery.RETRY_ON_ANOTHER_WORKER);
    return Measure.batched(
        "batched",
        calls,
        inFlight,
        batch,
        limit,
        done -> {
          for (CompletableFuture<InvocationOutcome> f :
              dispatcher.invokeBatch(request.withDeadline(Deadline.in(CALL_TIMEOUT)))) {
            f.whenComplete((outcome, error) -> complete(outcome, error, done));
          }
        });
  }
}
