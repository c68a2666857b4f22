package dev.farcall.coordinator.invocation;

import dev.farcall.model.program.ProgramClassLoader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the method a REST invocation names among the public methods (declared or inherited) of a
 * class of the program. Classes are loaded without being initialised. With parameter types the
 * overload whose parameters have exactly those Java source names is chosen; without them, the one
 * overload that takes as many arguments as given (an instance method takes its receiver as an extra
 * first argument).
 */
final class MethodResolver {

  private MethodResolver() {}

  /**
   * @throws MethodNotFoundException no such class in the program, no public method of that name, or
   *     no overload with the given parameter types
   * @throws AmbiguousMethodException several overloads take {@code argumentCount} arguments
   * @throws InvalidArgumentsException no overload takes {@code argumentCount} arguments
   */
  static Method resolve(
      ProgramClassLoader loader,
      String programId,
      String className,
      String methodName,
      Optional<List<String>> parameterTypes,
      int argumentCount) {
    if (!loader.definesClass(className)) {
      throw new MethodNotFoundException(
          programId,
          className,
          methodName,
          "program " + programId + " has no class " + className,
          List.of());
    }
    List<Method> named;
    try {
      Class<?> type = Class.forName(className, false, loader);
      named =
          Arrays.stream(type.getMethods())
              .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic())
              .sorted(Comparator.comparing(MethodResolver::signature))
              .toList();
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MethodNotFoundException(
          programId,
          className,
          methodName,
          "class " + className + " of program " + programId + " cannot be loaded: " + e,
          List.of());
    }
    List<String> all = named.stream().map(MethodResolver::signature).toList();
    if (named.isEmpty()) {
      throw new MethodNotFoundException(
          programId,
          className,
          methodName,
          className + " has no public method " + methodName,
          List.of());
    }
    if (parameterTypes.isPresent()) {
      List<String> wanted = parameterTypes.get().stream().map(String::strip).toList();
      Method method =
          named.stream()
              .filter(m -> matches(m.getParameterTypes(), wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new MethodNotFoundException(
                          programId,
                          className,
                          methodName,
                          className
                              + " has no public method "
                              + methodName
                              + "("
                              + String.join(", ", wanted)
                              + "); candidates: "
                              + all,
                          all));
      int expected = arity(method);
      if (expected != argumentCount) {
        throw new InvalidArgumentsException(
            programId,
            signature(method),
            null,
            signature(method)
                + " takes "
                + expected
                + " argument(s)"
                + (Modifier.isStatic(method.getModifiers()) ? "" : " (the receiver first)")
                + ", got "
                + argumentCount);
      }
      return method;
    }
    List<Method> fitting = named.stream().filter(m -> arity(m) == argumentCount).toList();
    if (fitting.isEmpty()) {
      throw new InvalidArgumentsException(
          programId,
          className + "#" + methodName,
          null,
          "no overload of "
              + className
              + "#"
              + methodName
              + " takes "
              + argumentCount
              + " argument(s) (an instance method takes its receiver first); candidates: "
              + all);
    }
    if (fitting.size() > 1) {
      throw new AmbiguousMethodException(
          programId,
          className,
          methodName,
          argumentCount,
          fitting.stream().map(MethodResolver::signature).toList());
    }
    return fitting.get(0);
  }

  /** Arguments a REST caller gives: the parameters, preceded by the receiver if not static. */
  static int arity(Method m) {
    return m.getParameterCount() + (Modifier.isStatic(m.getModifiers()) ? 0 : 1);
  }

  private static boolean matches(Class<?>[] actual, List<String> wanted) {
    if (actual.length != wanted.size()) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      String name = wanted.get(i);
      if (!name.equals(actual[i].getTypeName()) && !name.equals(actual[i].getCanonicalName())) {
        return false;
      }
    }
    return true;
  }

  /** A readable signature, e.g. {@code static int org.example.Calc.add(int, int)}. */
  static String signature(Method m) {
    return (Modifier.isStatic(m.getModifiers()) ? "static " : "")
        + m.getReturnType().getTypeName()
        + " "
        + m.getDeclaringClass().getTypeName()
        + "."
        + m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getTypeName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
