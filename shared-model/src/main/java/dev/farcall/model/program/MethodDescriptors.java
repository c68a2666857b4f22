package dev.farcall.model.program;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/** JVM method descriptors of reflected methods, and finding a method again from one. */
public final class MethodDescriptors {

  private MethodDescriptors() {}

  /** The JVM descriptor of a method, e.g. {@code (I[Ljava/lang/String;)V}. */
  public static String of(Method method) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : method.getParameterTypes()) {
      sb.append(of(p));
    }
    return sb.append(')').append(of(method.getReturnType())).toString();
  }

  /** The JVM descriptor of a type, e.g. {@code Ljava/lang/String;} or {@code [I}. */
  public static String of(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (type.isPrimitive()) {
      return switch (type.getName()) {
        case "int" -> "I";
        case "long" -> "J";
        case "double" -> "D";
        case "float" -> "F";
        case "boolean" -> "Z";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        case "void" -> "V";
        default -> throw new IllegalArgumentException(type.getName());
      };
    }
    return "L" + type.getName().replace('.', '/') + ";";
  }

  /**
   * The method declared by {@code owner} (not inherited) with this name and descriptor.
   *
   * @return empty when there is no such method
   */
  public static Optional<Method> find(Class<?> owner, String name, String descriptor) {
    return Arrays.stream(owner.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && of(m).equals(descriptor))
        .findFirst();
  }

  /** The JVM descriptor of a constructor, e.g. {@code (I)V}. */
  public static String of(Constructor<?> constructor) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : constructor.getParameterTypes()) {
      sb.append(of(p));
    }
    return sb.append(")V").toString();
  }

  /**
   * The constructor declared by {@code owner} with this descriptor.
   *
   * @return empty when there is no such constructor
   */
  public static Optional<Constructor<?>> findConstructor(Class<?> owner, String descriptor) {
    return Arrays.stream(owner.getDeclaredConstructors())
        .filter(c -> of(c).equals(descriptor))
        .findFirst();
  }
}
