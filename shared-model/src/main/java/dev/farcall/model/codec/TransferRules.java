package dev.farcall.model.codec;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.BaseStream;

/**
 * Which well-known kinds of types are not values, and why, in words a user can act on. Kept apart
 * from {@link TypeMapper} so the policy reads as one list.
 */
final class TransferRules {

  /** JDK enums that are plain values; other JDK enums are refused like other JDK classes. */
  private static final Set<String> JDK_ENUMS =
      Set.of(
          "java.time.DayOfWeek",
          "java.time.Month",
          "java.time.temporal.ChronoUnit",
          "java.util.concurrent.TimeUnit",
          "java.math.RoundingMode");

  private TransferRules() {}

  /** A JDK enum that is a plain value (other JDK enums are refused like other JDK classes). */
  static boolean isValueEnum(Class<?> c) {
    return JDK_ENUMS.contains(c.getName());
  }

  /** The names of the JDK enums that are plain values. */
  static Set<String> valueEnumNames() {
    return JDK_ENUMS;
  }

  /** A class of the JDK (or its internals), which the codec never trusts beyond the value types. */
  static boolean isJdk(Class<?> c) {
    String n = c.getName();
    return c.getClassLoader() == null
        || n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jdk.")
        || n.startsWith("sun.")
        || n.startsWith("com.sun.");
  }

  /** Why a well-known kind of type is not a value, or null. */
  static String refusal(Class<?> c) {
    if (c == Object.class) {
      return "java.lang.Object says nothing about what the value is";
    }
    if (c == Class.class || ClassLoader.class.isAssignableFrom(c)) {
      return "classes and class loaders belong to one JVM";
    }
    if (Thread.class.isAssignableFrom(c) || c == ThreadGroup.class) {
      return "a thread is an execution resource, not data";
    }
    if (BaseStream.class.isAssignableFrom(c)) {
      return "a stream is a one-shot pipeline, not a value";
    }
    if (File.class.isAssignableFrom(c) || Path.class.isAssignableFrom(c)) {
      return "a file or path names a resource local to this machine";
    }
    if (AutoCloseable.class.isAssignableFrom(c)) {
      return "an I/O resource (stream, reader, channel, socket) stays on this machine";
    }
    if (c == Optional.class
        || c == OptionalInt.class
        || c == OptionalLong.class
        || c == OptionalDouble.class) {
      return "Optional is not supported: declare a nullable reference instead";
    }
    if (c.isInterface() && isFunctional(c)) {
      return "a functional interface: lambdas and method references are code, not data";
    }
    return null;
  }

  private static boolean isFunctional(Class<?> c) {
    if (c.isAnnotationPresent(FunctionalInterface.class)) {
      return true;
    }
    int abstractMethods = 0;
    for (Method m : c.getMethods()) {
      if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
        abstractMethods++;
      }
    }
    return abstractMethods == 1;
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
