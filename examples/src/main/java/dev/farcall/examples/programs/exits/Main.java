package dev.farcall.examples.programs.exits;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Ends the JVM with status 7 the way its argument says: {@code exit}, {@code halt} or {@code
 * runtime-exit}, each {@code direct}, by {@code reflection} or through a {@code handle}, e.g.
 * {@code halt reflection}. Prints a line before and, if it were reached, after.
 */
public class Main {

  public static void main(String[] args) throws Throwable {
    String how = args.length > 0 ? args[0] : "exit";
    String path = args.length > 1 ? args[1] : "direct";
    System.out.println("ending with 7 by " + how + " " + path);
    switch (how + " " + path) {
      case "exit direct" -> System.exit(7);
      case "exit reflection" -> System.class.getMethod("exit", int.class).invoke(null, 7);
      case "exit handle" -> exitHandle().invokeExact(7);
      case "halt direct" -> Runtime.getRuntime().halt(7);
      case "halt reflection" ->
          Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 7);
      case "halt handle" -> haltHandle().invokeExact(Runtime.getRuntime(), 7);
      case "runtime-exit direct" -> Runtime.getRuntime().exit(7);
      case "runtime-exit reflection" ->
          Runtime.class.getMethod("exit", int.class).invoke(Runtime.getRuntime(), 7);
      default -> throw new IllegalArgumentException("unknown way: " + how + " " + path);
    }
    System.out.println("still here");
  }

  private static MethodHandle exitHandle() throws ReflectiveOperationException {
    return MethodHandles.publicLookup()
        .findStatic(System.class, "exit", MethodType.methodType(void.class, int.class));
  }

  private static MethodHandle haltHandle() throws ReflectiveOperationException {
    return MethodHandles.publicLookup()
        .findVirtual(Runtime.class, "halt", MethodType.methodType(void.class, int.class));
  }
}
