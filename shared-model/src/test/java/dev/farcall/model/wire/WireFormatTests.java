package dev.farcall.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.model.codec.PayloadException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTests {

  @Test
  void requestRoundTripsWithItsBatchOfCalls() {
    InvocationRequest request =
        InvocationRequest.newBuilder()
            .setProgramId("p1")
            .setJarSha256("ab")
            .setMethod(new MethodRef("a.B", "m", "(I)I"))
            .setSchemaFingerprint(42L)
            .setDeadlineEpochMillis(1000L)
            .setReplyTopic("farcall.replies")
            .setTraceContext(Map.of())
            .setCalls(List.of(new Call("i1", ByteBuffer.wrap(new byte[] {1, 2}))))
            .build();

    InvocationRequest decoded = WireFormat.REQUESTS.decode(WireFormat.REQUESTS.encode(request));

    assertThat(decoded).isEqualTo(request);
  }

  @Test
  void resultCarriesTheExceptionBranch() {
    InvocationResult result =
        InvocationResult.newBuilder()
            .setInvocationId("i1")
            .setOutcome(new ThrownException("x.Boom", "bad", List.of("x.Boom.m(B.java:1)"), null))
            .setWorkerId("w1")
            .build();

    InvocationResult decoded = WireFormat.RESULTS.decode(WireFormat.RESULTS.encode(result));

    assertThat(decoded.getOutcome()).isInstanceOf(ThrownException.class);
    assertThat(((ThrownException) decoded.getOutcome()).getMessage()).isEqualTo("bad");
  }

  @Test
  void garbageIsAPayloadException() {
    assertThatThrownBy(() -> WireFormat.HEARTBEATS.decode(new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOf(PayloadException.class);
  }
}
