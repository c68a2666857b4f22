package dev.farcall.heuristics.analysis;

import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Where a reference may come from, as a bit mask: {@link #FRESH} (allocated in the current call),
 * {@link #STATIC} (reachable from a static field), {@link #UNKNOWN}, and one bit per parameter
 * (receiver is parameter 0 of an instance method) meaning "reachable from that parameter". The
 * empty mask is a value nothing can mutate (null, immutable objects).
 */
final class Origins {

  static final long FRESH = 1L;
  static final long STATIC = 1L << 1;
  static final long UNKNOWN = 1L << 2;
  static final int FIRST_PARAM_BIT = 3;
  static final int MAX_PARAMS = 60;
  static final long PARAMS = ~(FRESH | STATIC | UNKNOWN);

  /** Types whose instances cannot be mutated, so their origin never matters. */
  private static final Set<String> IMMUTABLE =
      Set.of(
          "java/lang/String",
          "java/lang/Integer",
          "java/lang/Long",
          "java/lang/Short",
          "java/lang/Byte",
          "java/lang/Character",
          "java/lang/Boolean",
          "java/lang/Float",
          "java/lang/Double",
          "java/lang/Class",
          "java/math/BigInteger",
          "java/math/BigDecimal",
          "java/util/UUID",
          "java/time/Instant",
          "java/time/Duration",
          "java/time/LocalDate",
          "java/time/LocalDateTime",
          "java/time/LocalTime");

  private Origins() {}

  static long param(int i) {
    return i < MAX_PARAMS ? 1L << (FIRST_PARAM_BIT + i) : 1L << 63;
  }

  /** Parameter index of a single parameter bit. */
  static int paramIndex(long bit) {
    return Long.numberOfTrailingZeros(bit) - FIRST_PARAM_BIT;
  }

  static boolean isImmutable(Type type) {
    return type.getSort() == Type.OBJECT && IMMUTABLE.contains(type.getInternalName());
  }

  static boolean isReference(Type type) {
    return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
  }

  /** Parameter slots (receiver first for instance methods) that hold mutable references. */
  static long mutableParams(String descriptor, boolean isStatic) {
    long bits = isStatic ? 0 : param(0);
    int i = isStatic ? 0 : 1;
    for (Type t : Type.getArgumentTypes(descriptor)) {
      if (isReference(t) && !isImmutable(t)) {
        bits |= param(i);
      }
      i++;
    }
    return bits;
  }

  /** Human-readable name of a parameter bit. */
  static String describe(long bit, boolean isStatic) {
    if (bit == UNKNOWN) {
      return "an object of unknown origin";
    }
    if (bit == STATIC) {
      return "static state";
    }
    int i = paramIndex(bit);
    if (!isStatic && i == 0) {
      return "the receiver";
    }
    return "parameter " + (isStatic ? i : i - 1);
  }
}
