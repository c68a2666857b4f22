package dev.farcall.worker.support;

import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.MethodRef;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds invocation requests the way the coordinator does. */
public final class Requests {

  private Requests() {}

  /** A fresh invocation id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A request of one call of {@code method} with encoded {@code arguments}. */
  public static InvocationRequest.Builder call(
      TestKafka kafka, TestProgram program, String programId, Method method, Object... arguments) {
    MethodCodec codec = program.codec(method);
    return forCalls(
        kafka,
        program.sha256(),
        programId,
        TestProgram.ref(method),
        codec.argumentFingerprint(),
        List.of(new Call(newId(), ByteBuffer.wrap(codec.encodeArguments(arguments)))));
  }

  /** A request with explicit parts, for requests no codec would build. */
  public static InvocationRequest.Builder forCalls(
      TestKafka kafka,
      String sha256,
      String programId,
      MethodRef method,
      long fingerprint,
      List<Call> calls) {
    long now = System.currentTimeMillis();
    return InvocationRequest.newBuilder()
        .setRunId("run-1")
        .setProgramId(programId)
        .setJarSha256(sha256)
        .setMethod(method)
        .setSchemaFingerprint(fingerprint)
        .setAttempt(1)
        .setDeadlineEpochMillis(now + 60_000)
        .setReplyTopic(kafka.topics().replies())
        .setReplyPartition(0)
        .setSentEpochMillis(now)
        .setTraceContext(Map.of())
        .setCalls(calls);
  }

  /** The single invocation id of a one-call request. */
  public static String idOf(InvocationRequest request) {
    return request.getCalls().get(0).getInvocationId();
  }
}
