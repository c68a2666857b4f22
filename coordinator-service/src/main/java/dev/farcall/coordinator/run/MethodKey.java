package dev.farcall.coordinator.run;

/**
 * A method of a program as the JVM names it.
 *
 * @param className binary name of the declaring class, e.g. {@code org.example.Main$Inner}
 * @param methodName the method's name
 * @param descriptor its JVM descriptor, e.g. {@code (I)J}
 */
public record MethodKey(String className, String methodName, String descriptor) {

  /** The class name in the JVM's internal form ({@code org/example/Main}). */
  String internalOwner() {
    return className.replace('.', '/');
  }

  @Override
  public String toString() {
    return className + "#" + methodName + descriptor;
  }
}
