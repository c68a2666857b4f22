package dev.farcall.api.spi;

/**
 * The method behind a serializable method reference, as its {@code SerializedLambda} names it.
 *
 * @param ownerClass binary name of the class holding the method, e.g. {@code org.example.Main}
 * @param methodName the method's name
 * @param descriptor the method's JVM descriptor
 * @param isStatic whether the method is static (otherwise the first argument is the receiver)
 */
public record AsyncTarget(
    String ownerClass, String methodName, String descriptor, boolean isStatic) {}
