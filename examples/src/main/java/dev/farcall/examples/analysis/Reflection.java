package dev.farcall.examples.analysis;

/** Reflection. */
public final class Reflection {
  private Reflection() {}

  /** REFLECTION. */
  public static Object instantiate(String className) throws ReflectiveOperationException {
    return Class.forName(className).getDeclaredConstructor().newInstance();
  }
}
