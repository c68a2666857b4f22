package dev.farcall.model.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Avro binary primitives into a growable array. We write the bytes ourselves rather than
 * through Avro's {@code BinaryEncoder} to avoid its output stream and extra copy on the hot path;
 * the encoding (zig-zag varints, little-endian IEEE floats, length-prefixed UTF-8) is Avro's
 * exactly, which the tests check against Avro's own readers. One instance per thread is reused; it
 * also keeps the identity stack used to detect cycles in the object graph.
 */
final class AvroOut {

  private static final ThreadLocal<AvroOut> LOCAL = ThreadLocal.withInitial(AvroOut::new);

  /** Buffers that grew beyond this are dropped after use so one huge call does not pin memory. */
  private static final int RETAINED_BYTES = 1 << 20;

  private byte[] buf = new byte[512];
  private int pos;
  private boolean inUse;
  private Object[] stack = new Object[16];
  private int depth;
  private int maxDepth;
  private int maxBytes = Integer.MAX_VALUE;

  /**
   * The calling thread's writer, refusing to grow beyond {@code maxBytes}: a value too large for
   * the wire fails with {@link PayloadTooLargeException} once the limit is passed, before its whole
   * encoding is ever held in memory.
   */
  static AvroOut acquire(int maxDepth, int maxBytes) {
    AvroOut out = acquire(maxDepth);
    out.maxBytes = maxBytes;
    return out;
  }

  /** The calling thread's writer, or a fresh one if it is already in use further up the stack. */
  static AvroOut acquire(int maxDepth) {
    AvroOut out = LOCAL.get();
    if (out.inUse) {
      out = new AvroOut();
    }
    out.inUse = true;
    out.pos = 0;
    out.depth = 0;
    out.maxDepth = maxDepth;
    out.maxBytes = Integer.MAX_VALUE;
    return out;
  }

  /** The bytes written so far; the writer stays acquired until {@link #release()}. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  void release() {
    Arrays.fill(stack, 0, depth, null);
    depth = 0;
    if (buf.length > RETAINED_BYTES) {
      buf = new byte[512];
    }
    inUse = false;
  }

  /**
   * Enters a container value (record, collection, array). Refuses a value already on the stack: a
   * cycle can never be written as a tree.
   */
  void push(Object value, String typeName) {
    for (int i = 0; i < depth; i++) {
      if (stack[i] == value) {
        throw new ValueRefusedException(
            typeName, "the object graph has a cycle (a value contains itself)");
      }
    }
    if (depth == maxDepth) {
      throw new ValueRefusedException(typeName, "values are nested deeper than " + maxDepth);
    }
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = value;
  }

  void pop() {
    stack[--depth] = null;
  }

  private void ensure(int n) {
    if ((long) pos + n > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    if (buf.length - pos < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  void writeBoolean(boolean b) {
    ensure(1);
    buf[pos++] = (byte) (b ? 1 : 0);
  }

  // The varint writers keep the position in a local: stored back to the field once, not after
  // every byte.

  void writeInt(int n) {
    ensure(5);
    byte[] b = buf;
    int p = pos;
    int z = (n << 1) ^ (n >> 31);
    while ((z & ~0x7F) != 0) {
      b[p++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    b[p++] = (byte) z;
    pos = p;
  }

  void writeLong(long n) {
    ensure(10);
    byte[] b = buf;
    int p = pos;
    long z = (n << 1) ^ (n >> 63);
    while ((z & ~0x7FL) != 0) {
      b[p++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    b[p++] = (byte) z;
    pos = p;
  }

  void writeFloat(float f) {
    ensure(4);
    int bits = Float.floatToRawIntBits(f);
    buf[pos++] = (byte) bits;
    buf[pos++] = (byte) (bits >>> 8);
    buf[pos++] = (byte) (bits >>> 16);
    buf[pos++] = (byte) (bits >>> 24);
  }

  void writeDouble(double d) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(d);
    for (int i = 0; i < 64; i += 8) {
      buf[pos++] = (byte) (bits >>> i);
    }
  }

  void writeBytes(byte[] bytes) {
    int n = bytes.length;
    ensure(n + 5);
    if (n < 64) {
      // The zig-zag varint of a length under 64 is one byte: most strings here are that short.
      buf[pos++] = (byte) (n << 1);
    } else {
      writeLong(n);
    }
    System.arraycopy(bytes, 0, buf, pos, n);
    pos += n;
  }

  /**
   * Writes a string as length-prefixed UTF-8. The JDK's encoder is already a vectorised copy for
   * ASCII-only compact strings, which beat a char-by-char loop here; a bulk copy of the chars' low
   * bytes would be wrong for chars above U+00FF.
   */
  void writeString(String s) {
    // UTF-8 takes at least a byte per char: refuse an oversized string before encoding a copy.
    if ((long) pos + s.length() > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts an Avro array or map of {@code count} items in a single block. */
  void writeBlockStart(int count) {
    if (count > 0) {
      writeLong(count);
    }
  }

  /** Ends the blocks of an array or map. */
  void writeBlockEnd() {
    writeLong(0);
  }
}
