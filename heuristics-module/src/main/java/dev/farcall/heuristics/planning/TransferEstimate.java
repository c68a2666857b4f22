package dev.farcall.heuristics.planning;

import org.objectweb.asm.Type;

/**
 * A static guess of how many bytes one call moves (Avro binary of the arguments, the receiver and
 * the result), from the descriptor alone. Only the order of magnitude matters: it feeds the
 * dispatch estimate until a profile measures the real size.
 */
final class TransferEstimate {

  /** Bytes assumed for an object the descriptor does not size (a receiver, a record, a list). */
  static final long OBJECT_BYTES = 64;

  /** Bytes assumed for a string. */
  static final long STRING_BYTES = 32;

  /** Bytes assumed for an array: a length and a few dozen elements. */
  static final long ARRAY_BYTES = 256;

  private TransferEstimate() {}

  /** Estimated bytes of one call of a method with this descriptor. */
  static long bytesOf(String descriptor, boolean isStatic) {
    Type method = Type.getMethodType(descriptor);
    long total = isStatic ? 0 : OBJECT_BYTES;
    for (Type argument : method.getArgumentTypes()) {
      total += bytesOf(argument);
    }
    return total + bytesOf(method.getReturnType());
  }

  private static long bytesOf(Type type) {
    return switch (type.getSort()) {
      case Type.VOID -> 0;
      case Type.BOOLEAN, Type.BYTE -> 1;
      // zig-zag varints: small values take a byte or two
      case Type.CHAR, Type.SHORT, Type.INT -> 3;
      case Type.LONG -> 6;
      case Type.FLOAT -> 4;
      case Type.DOUBLE -> 8;
      case Type.ARRAY -> ARRAY_BYTES;
      default -> type.getClassName().equals("java.lang.String") ? STRING_BYTES : OBJECT_BYTES;
    };
  }
}
