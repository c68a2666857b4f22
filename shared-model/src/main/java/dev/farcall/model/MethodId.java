package dev.farcall.model;

import dev.farcall.model.wire.MethodRef;
import java.util.Objects;

/**
 * A method named as the JVM names it, the same in the analysis, the placement, the run driver and
 * on the wire: dotted binary class name, method name, JVM descriptor.
 *
 * @param className dotted binary class name ({@code com.x.Outer$Inner})
 * @param methodName method name ({@code <init>} for constructors)
 * @param descriptor JVM method descriptor, e.g. {@code (Ljava/lang/String;)I}
 */
public record MethodId(String className, String methodName, String descriptor) {

  public MethodId {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(descriptor, "descriptor");
  }

  /** From an ASM owner (internal name, or an array descriptor, which maps to Object). */
  public static MethodId ofInternal(String owner, String name, String descriptor) {
    String className = owner.startsWith("[") ? "java.lang.Object" : owner.replace('/', '.');
    return new MethodId(className, name, descriptor);
  }

  /** From the wire. */
  public static MethodId of(MethodRef ref) {
    return new MethodId(ref.getOwnerClass(), ref.getName(), ref.getDescriptor());
  }

  /** For the wire. */
  public MethodRef toWire() {
    return new MethodRef(className, methodName, descriptor);
  }

  /** The owner's internal name ({@code com/x/Y}). */
  public String internalClassName() {
    return className.replace('.', '/');
  }

  /** {@code Class.method} with the simple (unqualified) class name, as used in reasons. */
  public String shortName() {
    return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
  }

  /** {@code pkg.Class#method(descriptor)}. */
  @Override
  public String toString() {
    return className + "#" + methodName + descriptor;
  }
}
