package dev.farcall.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A result encoded under a size limit fails as soon as the encoding passes it, so a worker can
 * refuse a result too large for the wire without ever holding its whole encoding.
 */
class ResultSizeLimitTests {

  static final class Results {
    static String text(int n) {
      return "x".repeat(n);
    }

    static long[] numbers(int n) {
      return new long[n];
    }
  }

  private static MethodCodec codec(String name) {
    return CodecTesting.CODEC.forMethod(CodecTesting.method(Results.class, name));
  }

  @Test
  void stringOverTheLimitIsRefusedNamingTheLimit() {
    assertThatThrownBy(() -> codec("text").encodeResult("x".repeat(10_000), 4_096))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("4096")
        .extracting(e -> ((PayloadTooLargeException) e).maxBytes())
        .isEqualTo(4_096);
  }

  @Test
  void arrayOverTheLimitIsRefused() {
    assertThatThrownBy(() -> codec("numbers").encodeResult(new long[10_000], 4_096))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void resultUnderTheLimitEncodesAsWithoutOne() {
    MethodCodec codec = codec("text");
    String value = "x".repeat(1_000);

    byte[] limited = codec.encodeResult(value, 4_096);

    assertThat(limited).isEqualTo(codec.encodeResult(value));
    assertThat(codec.decodeResult(limited)).isEqualTo(value);
  }

  @Test
  void aLimitedEncodingLeavesTheThreadsWriterUnlimited() {
    MethodCodec codec = codec("text");
    assertThatThrownBy(() -> codec.encodeResult("x".repeat(10_000), 4_096))
        .isInstanceOf(PayloadTooLargeException.class);

    assertThat(codec.encodeResult("x".repeat(10_000))).hasSizeGreaterThan(10_000);
  }
}
