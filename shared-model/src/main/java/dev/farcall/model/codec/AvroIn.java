package dev.farcall.model.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads Avro binary primitives from a byte array, checking every length and count prefix against
 * the bytes that remain and against {@link DecodeLimits} before allocating. Avro's own {@code
 * BinaryDecoder} allocates what a string length claims before it looks at the input, so untrusted
 * payloads are read here instead. Not thread-safe; one instance per payload.
 */
final class AvroIn {

  private final byte[] buf;
  private int pos;
  private final int limit;
  private final DecodeLimits limits;
  private int depth;

  AvroIn(byte[] buf, DecodeLimits limits) {
    if (buf == null) {
      throw new PayloadException("no payload");
    }
    this.buf = buf;
    this.limit = buf.length;
    this.limits = limits;
  }

  int remaining() {
    return limit - pos;
  }

  private PayloadException truncated() {
    return new PayloadException("payload truncated at byte " + pos + " of " + limit);
  }

  boolean readBoolean() {
    if (pos >= limit) {
      throw truncated();
    }
    int b = buf[pos++];
    if (b != 0 && b != 1) {
      throw new PayloadException("invalid boolean byte " + b + " at " + (pos - 1));
    }
    return b == 1;
  }

  int readInt() {
    if (limit - pos >= 5) {
      // Fast path as in Avro's BinaryDecoder: no bounds checks while 5 bytes remain.
      int b = buf[pos++] & 0xFF;
      int n = b & 0x7F;
      if (b > 0x7F) {
        b = buf[pos++] & 0xFF;
        n |= (b & 0x7F) << 7;
        if (b > 0x7F) {
          b = buf[pos++] & 0xFF;
          n |= (b & 0x7F) << 14;
          if (b > 0x7F) {
            b = buf[pos++] & 0xFF;
            n |= (b & 0x7F) << 21;
            if (b > 0x7F) {
              b = buf[pos++] & 0xFF;
              if (b > 0x7F) {
                throw new PayloadException("malformed int varint at byte " + (pos - 1));
              }
              n |= b << 28;
            }
          }
        }
      }
      return (n >>> 1) ^ -(n & 1);
    }
    return readIntChecked();
  }

  private int readIntChecked() {
    int n = 0;
    int shift = 0;
    int b;
    do {
      if (pos >= limit) {
        throw truncated();
      }
      if (shift > 28) {
        throw new PayloadException("malformed int varint at byte " + pos);
      }
      b = buf[pos++] & 0xFF;
      n |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (n >>> 1) ^ -(n & 1);
  }

  long readLong() {
    if (limit - pos >= 10) {
      // Fast path: no bounds checks while a longest varint still fits; the position stays in a
      // local until the end.
      byte[] in = buf;
      int p = pos;
      long b = in[p++] & 0xFF;
      long n = b & 0x7F;
      int shift = 7;
      while (b > 0x7F) {
        if (shift > 63) {
          throw new PayloadException("malformed long varint at byte " + p);
        }
        b = in[p++] & 0xFF;
        n |= (b & 0x7F) << shift;
        shift += 7;
      }
      pos = p;
      return (n >>> 1) ^ -(n & 1);
    }
    return readLongChecked();
  }

  private long readLongChecked() {
    long n = 0;
    int shift = 0;
    long b;
    do {
      if (pos >= limit) {
        throw truncated();
      }
      if (shift > 63) {
        throw new PayloadException("malformed long varint at byte " + pos);
      }
      b = buf[pos++] & 0xFF;
      n |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (n >>> 1) ^ -(n & 1);
  }

  /** The branch of a {@code ["null", T]} union: false for null, true for a value. */
  boolean readPresent() {
    if (pos < limit) {
      byte b = buf[pos];
      if (b == 0 || b == 2) {
        pos++;
        return b == 2;
      }
    }
    return readIndex(2, "union") == 1;
  }

  float readFloat() {
    if (limit - pos < 4) {
      throw truncated();
    }
    int bits =
        (buf[pos] & 0xFF)
            | (buf[pos + 1] & 0xFF) << 8
            | (buf[pos + 2] & 0xFF) << 16
            | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  double readDouble() {
    if (limit - pos < 8) {
      throw truncated();
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (buf[pos + i] & 0xFFL) << (8 * i);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  /** A union branch or enum symbol index in {@code [0, count)}. */
  int readIndex(int count, String what) {
    int i = readInt();
    if (i < 0 || i >= count) {
      throw new PayloadException(what + " index " + i + " out of range [0, " + count + ")");
    }
    return i;
  }

  /** A length prefix, unchecked: a one-byte varint (a length under 64) without the loop. */
  private long readLength() {
    if (pos < limit) {
      int b = buf[pos];
      if (b >= 0) {
        pos++;
        return (b >>> 1) ^ -(b & 1);
      }
    }
    return readLong();
  }

  private int checkLength(long length, String what) {
    if (length < 0) {
      throw new PayloadException(what + " has negative length " + length);
    }
    if (length > limits.maxStringBytes()) {
      throw new PayloadException(
          what + " length " + length + " exceeds the limit of " + limits.maxStringBytes());
    }
    if (length > limit - pos) {
      throw new PayloadException(
          what + " length " + length + " exceeds the " + (limit - pos) + " remaining bytes");
    }
    return (int) length;
  }

  String readString() {
    int n = checkLength(readLength(), "string");
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  byte[] readBytes() {
    int n = checkLength(readLength(), "bytes");
    byte[] b = new byte[n];
    System.arraycopy(buf, pos, b, 0, n);
    pos += n;
    return b;
  }

  /**
   * Reads the item count of the next Avro array/map block (0 at the end), refusing counts that
   * exceed the item cap or that the remaining bytes cannot hold at {@code minItemBytes} per item.
   *
   * @param itemsSoFar items read in earlier blocks of the same array
   */
  int readBlockCount(int minItemBytes, long itemsSoFar) {
    long count = readLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new PayloadException("invalid block count " + count);
      }
      count = -count;
      long size = readLong(); // byte size of the block, which we do not need
      if (size < 0) {
        throw new PayloadException("invalid block size " + size);
      }
    }
    if (count == 0) {
      return 0;
    }
    if (itemsSoFar + count > limits.maxCollectionItems()) {
      throw new PayloadException(
          "collection of "
              + (itemsSoFar + count)
              + " items exceeds the limit of "
              + limits.maxCollectionItems());
    }
    if (minItemBytes > 0 && count > (limit - pos) / minItemBytes) {
      throw new PayloadException(
          "collection count "
              + count
              + " exceeds what the "
              + (limit - pos)
              + " remaining bytes hold");
    }
    return (int) count;
  }

  void enter() {
    if (++depth > limits.maxDepth()) {
      throw new PayloadException("values nested deeper than " + limits.maxDepth());
    }
  }

  void exit() {
    depth--;
  }

  void requireEnd() {
    if (pos != limit) {
      throw new PayloadException((limit - pos) + " trailing bytes after the record");
    }
  }
}
