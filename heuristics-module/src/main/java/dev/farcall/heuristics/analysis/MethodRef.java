package dev.farcall.heuristics.analysis;

/**
 * A method named as on the wire and in REST: dotted class name, method name, JVM descriptor.
 *
 * @param className dotted binary class name ({@code com.x.Outer$Inner})
 * @param methodName method name ({@code <init>} for constructors)
 * @param descriptor JVM method descriptor, e.g. {@code (Ljava/lang/String;)I}
 */
public record MethodRef(String className, String methodName, String descriptor) {

  /** From an ASM owner (internal name, or an array descriptor, which maps to Object). */
  static MethodRef ofInternal(String owner, String name, String descriptor) {
    String className = owner.startsWith("[") ? "java.lang.Object" : owner.replace('/', '.');
    return new MethodRef(className, name, descriptor);
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
