package dev.farcall.model.codec;

import static dev.farcall.model.codec.CodecTesting.codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.model.codec.Fixtures.Color;
import dev.farcall.model.codec.Fixtures.Node;
import dev.farcall.model.codec.Fixtures.Small;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadLimitsTests {

  private static final Small SMALL = new Small(1, 2, "twenty chars of text", 3.5, Color.BLUE);

  /** Avro's zig-zag varint, written independently of the codec. */
  private static byte[] varint(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long z = (n << 1) ^ (n >> 63);
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void everyTruncationOfAPayloadFailsWithPayloadException() {
    MethodCodec codec = codec("small");
    byte[] payload = codec.encodeArguments(new Object[] {SMALL});
    for (int n = 0; n < payload.length; n++) {
      byte[] cut = Arrays.copyOf(payload, n);
      assertThatThrownBy(() -> codec.decodeArguments(cut, codec.argumentFingerprint()))
          .as("payload cut to %d bytes", n)
          .isInstanceOf(PayloadException.class);
    }
  }

  @Test
  void trailingBytesFail() {
    MethodCodec codec = codec("small");
    byte[] payload = codec.encodeArguments(new Object[] {SMALL});
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    assertThatThrownBy(() -> codec.decodeArguments(longer, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void aStringLengthClaiming2GiBFailsFastWithoutAllocating() {
    MethodCodec codec = codec("small");
    // union branch 1, id 1, stamp 2, label branch 1, then a length of 2^31-1 and 3 bytes
    byte[] hostile =
        concat(varint(1), varint(1), varint(2), varint(1), varint(Integer.MAX_VALUE), new byte[3]);
    long start = System.nanoTime();
    assertThatThrownBy(() -> codec.decodeArguments(hostile, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("length 2147483647 exceeds the limit");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void aNegativeStringLengthFails() {
    MethodCodec codec = codec("small");
    // union branch 1, id 1, stamp 2, label branch 1, then lengths -1 (one byte) and -1000
    for (long length : new long[] {-1, -1000}) {
      byte[] hostile =
          concat(varint(1), varint(1), varint(2), varint(1), varint(length), new byte[3]);
      assertThatThrownBy(() -> codec.decodeArguments(hostile, codec.argumentFingerprint()))
          .isInstanceOf(PayloadException.class)
          .hasMessageContaining("string has negative length " + length);
    }
  }

  @Test
  void aStringLengthBeyondTheRemainingBytesFailsBeforeAllocating() {
    ArgumentCodec roomy =
        new ArgumentCodec(getClass().getClassLoader(), new DecodeLimits(Integer.MAX_VALUE, 10, 10));
    MethodCodec codec = roomy.forMethod(CodecTesting.method(Fixtures.Calls.class, "small"));
    byte[] hostile =
        concat(varint(1), varint(1), varint(2), varint(1), varint(Integer.MAX_VALUE), new byte[3]);
    assertThatThrownBy(() -> codec.decodeArguments(hostile, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("exceeds the 3 remaining bytes");
  }

  @Test
  void anArrayCountClaiming2GiItemsFailsFast() {
    MethodCodec codec = codec("arrays");
    // ints: union branch 1, then a block count of 2^31-1 with 4 bytes present
    byte[] hostile = concat(varint(1), varint(Integer.MAX_VALUE), new byte[4]);
    assertThatThrownBy(() -> codec.decodeArguments(hostile, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("exceeds the limit");
    ArgumentCodec roomy =
        new ArgumentCodec(
            getClass().getClassLoader(), new DecodeLimits(100, Integer.MAX_VALUE, 10));
    MethodCodec roomyCodec = roomy.forMethod(CodecTesting.method(Fixtures.Calls.class, "arrays"));
    assertThatThrownBy(() -> roomyCodec.decodeArguments(hostile, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("exceeds what the 4 remaining bytes hold");
  }

  @Test
  void nestingDeeperThanTheLimitFailsWhenDecoding() {
    ArgumentCodec shallow =
        new ArgumentCodec(getClass().getClassLoader(), new DecodeLimits(100, 100, 5));
    MethodCodec deep = codec("node");
    MethodCodec limited = shallow.forMethod(CodecTesting.method(Fixtures.Calls.class, "node"));
    Node head = null;
    for (int i = 0; i < 10; i++) {
      head = new Node(i, head);
    }
    byte[] payload = deep.encodeArguments(new Object[] {head});
    assertThatThrownBy(() -> limited.decodeArguments(payload, limited.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("nested deeper than 5");
  }

  @Test
  void aFingerprintMismatchFails() {
    MethodCodec codec = codec("small");
    byte[] payload = codec.encodeArguments(new Object[] {SMALL});
    assertThatThrownBy(() -> codec.decodeArguments(payload, codec.argumentFingerprint() + 1))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void invalidUnionAndEnumIndexesFail() {
    MethodCodec codec = codec("small");
    byte[] badUnion = varint(2);
    assertThatThrownBy(() -> codec.decodeArguments(badUnion, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("union index 2");
    byte[] payload = codec.encodeArguments(new Object[] {SMALL});
    byte[] badEnum = payload.clone();
    badEnum[badEnum.length - 1] = varint(3)[0];
    assertThatThrownBy(() -> codec.decodeArguments(badEnum, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("index 3");
  }

  @Test
  void plainValuesUseTheSameLimits() {
    MethodCodec codec = codec("order");
    // order: null; extra: branch 1, block count 2^31-1
    byte[] hostile = concat(varint(0), varint(1), varint(Integer.MAX_VALUE), new byte[2]);
    assertThatThrownBy(() -> PlainValues.decodeRecord(codec.argumentSchema(), hostile))
        .isInstanceOf(PayloadException.class);
    assertThatThrownBy(
            () -> PlainValues.decodeRecord(codec.argumentSchema(), Arrays.copyOf(varint(1), 1)))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("truncated");
    assertThat(PlainValues.decodeRecord(codec.argumentSchema(), concat(varint(0), varint(0))))
        .isEqualTo(Arrays.asList(null, null));
  }

  @Test
  void aRecordWhoseConstructorRejectsTheDecodedValuesFailsWithPayloadException() {
    MethodCodec codec = codec("percent");
    // union branch 1, value 101 (the sender's class had no check), level 1, mark 'x'
    byte[] payload = concat(varint(1), varint(101), varint(1), varint('x'));
    assertThatThrownBy(() -> codec.decodeArguments(payload, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("constructor of " + Fixtures.Percent.class.getName() + " rejected")
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("percent out of range: 101");
  }

  @Test
  void aByteOrCharComponentOutOfItsRangeFails() {
    MethodCodec codec = codec("percent");
    byte[] badByte = concat(varint(1), varint(50), varint(200), varint('x'));
    assertThatThrownBy(() -> codec.decodeArguments(badByte, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("byte value 200 out of range");
    byte[] badChar = concat(varint(1), varint(50), varint(1), varint(-1));
    assertThatThrownBy(() -> codec.decodeArguments(badChar, codec.argumentFingerprint()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("char value -1 out of range");
    byte[] good = concat(varint(1), varint(50), varint(-128), varint(0xFFFF));
    assertThat(codec.decodeArguments(good, codec.argumentFingerprint()))
        .containsExactly(new Fixtures.Percent(50, (byte) -128, (char) 0xFFFF));
  }
}
