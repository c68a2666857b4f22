package dev.farcall.heuristics.analysis;

import java.util.Objects;
import org.objectweb.asm.tree.analysis.Value;

/**
 * An abstract value in {@link OriginInterpreter}: its size, whether it is a reference, its {@link
 * Origins} mask, the static field it was read from (if exactly one), and the {@code invokedynamic}
 * that created it if it is a lambda.
 */
final class OriginValue implements Value {

  static final int NO_LAMBDA = -1;
  static final int MANY_LAMBDAS = -2;
  static final String MANY_FIELDS = "*";
  private static final int MAX_FIELDS = 8;

  /**
   * Union of two static-field sets, each {@code null} (none), {@code "*"} (unknown) or fields
   * joined by {@code '|'}; more than a few fields become {@code "*"}.
   */
  static String mergeFields(String a, String b) {
    if (a == null || a.equals(b)) {
      return b == null ? a : b;
    }
    if (b == null) {
      return a;
    }
    if (a.equals(MANY_FIELDS) || b.equals(MANY_FIELDS)) {
      return MANY_FIELDS;
    }
    java.util.Set<String> all = new java.util.TreeSet<>(java.util.List.of(a.split("\\|")));
    all.addAll(java.util.List.of(b.split("\\|")));
    return all.size() > MAX_FIELDS ? MANY_FIELDS : String.join("|", all);
  }

  static final OriginValue UNINITIALIZED = new OriginValue(1, false, 0, null, NO_LAMBDA);
  static final OriginValue PRIMITIVE = new OriginValue(1, false, 0, null, NO_LAMBDA);
  static final OriginValue WIDE = new OriginValue(2, false, 0, null, NO_LAMBDA);
  static final OriginValue INERT = new OriginValue(1, true, 0, null, NO_LAMBDA);

  final int size;
  final boolean reference;
  final long mask;
  final String staticField;
  final int lambdaSite;

  /**
   * Inside {@code <clinit>} only: bit set of the sources (calls, static reads) the value depends
   * on, so a static field can be told to vary between machines only when its value does.
   */
  final long deps;

  OriginValue(int size, boolean reference, long mask, String staticField, int lambdaSite) {
    this(size, reference, mask, staticField, lambdaSite, 0);
  }

  OriginValue(
      int size, boolean reference, long mask, String staticField, int lambdaSite, long deps) {
    this.size = size;
    this.reference = reference;
    this.mask = mask;
    this.staticField = staticField;
    this.lambdaSite = lambdaSite;
    this.deps = deps;
  }

  OriginValue withDeps(long more) {
    if ((deps | more) == deps) {
      return this;
    }
    return new OriginValue(size, reference, mask, staticField, lambdaSite, deps | more);
  }

  static OriginValue ref(long mask) {
    return mask == 0 ? INERT : new OriginValue(1, true, mask, null, NO_LAMBDA);
  }

  static OriginValue ref(long mask, String staticField) {
    return new OriginValue(1, true, mask, staticField, NO_LAMBDA);
  }

  @Override
  public int getSize() {
    return size;
  }

  OriginValue merge(OriginValue other) {
    if (this.equals(other)) {
      return this;
    }
    if (size != other.size) {
      return UNINITIALIZED;
    }
    String field = mergeFields(staticField, other.staticField);
    int lambda =
        lambdaSite == other.lambdaSite
            ? lambdaSite
            : lambdaSite == NO_LAMBDA
                ? other.lambdaSite
                : other.lambdaSite == NO_LAMBDA ? lambdaSite : MANY_LAMBDAS;
    OriginValue merged =
        new OriginValue(
            size,
            reference || other.reference,
            mask | other.mask,
            field,
            lambda,
            deps | other.deps);
    return merged.equals(this) ? this : merged;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OriginValue v
        && v.size == size
        && v.reference == reference
        && v.mask == mask
        && v.lambdaSite == lambdaSite
        && v.deps == deps
        && Objects.equals(v.staticField, staticField);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, reference, mask, staticField, lambdaSite, deps);
  }

  @Override
  public String toString() {
    return reference ? "ref(" + Long.toBinaryString(mask) + ")" : "prim" + size;
  }
}
