package dev.farcall.heuristics.analysis;

/** How a call-graph edge arises. */
public enum CallKind {
  /** {@code invokestatic}. */
  STATIC,
  /** {@code invokespecial}: constructors, private and {@code super} calls. */
  SPECIAL,
  /** {@code invokevirtual}, one edge per possible target (class-hierarchy analysis). */
  VIRTUAL,
  /** {@code invokeinterface}, one edge per possible target (class-hierarchy analysis). */
  INTERFACE,
  /**
   * From the method that creates a lambda or method reference to its implementation: the body is
   * treated as called where the lambda is created.
   */
  LAMBDA,
  /** An {@code invokedynamic} whose bootstrap is not a lambda factory: the bootstrap method. */
  DYNAMIC,
  /**
   * From a method that creates an object of a program class to that class's overrides of JDK
   * methods ({@code compare}, {@code hashCode}, {@code run}, ...): JDK code may call them on the
   * object, unseen by the analysis, so they count as called where the object is created.
   */
  CALLBACK
}
