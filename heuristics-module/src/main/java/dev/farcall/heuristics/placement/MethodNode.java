package dev.farcall.heuristics.placement;

import java.util.List;
import java.util.Objects;

/**
 * A method of the program as placement sees it: what analysis says about moving it, and static
 * estimates of its size.
 *
 * @param key unique key {@code "pkg.Class#name(desc)"}, see {@link #keyOf(String, String, String)}
 * @param className binary class name with dots, e.g. {@code pkg.Outer$Inner}
 * @param methodName method name
 * @param descriptor JVM method descriptor, e.g. {@code (I)J}
 * @param movable whether analysis allows its calls to be dispatched to a worker
 * @param pinned whether it must run at home ({@code @Pinned}, or effects such as IO)
 * @param homeReason why it is not movable or pinned (the analysis' reason with its evidence chain);
 *     empty when it is movable and not pinned
 * @param remoteHint whether the method is annotated {@code @Remote}
 * @param instructionCount bytecode instructions in its own body
 * @param maxLoopDepth deepest loop nesting in its own body
 * @param transferBytes estimated encoded size of its arguments plus its result, in bytes
 * @param bodyExecutions instructions one call of its own body executes, by the number of loops of
 *     unknown trip count around them (element k: inside k such loops, weighted by the constant trip
 *     counts around them); empty when the analysis gave none, and then every instruction counts as
 *     if inside {@code maxLoopDepth} loops of unknown count
 */
public record MethodNode(
    String key,
    String className,
    String methodName,
    String descriptor,
    boolean movable,
    boolean pinned,
    String homeReason,
    boolean remoteHint,
    int instructionCount,
    int maxLoopDepth,
    long transferBytes,
    List<Double> bodyExecutions) {

  /** Validates names, figures and that a method kept home says why. */
  public MethodNode {
    bodyExecutions = bodyExecutions == null ? List.of() : List.copyOf(bodyExecutions);
    for (double term : bodyExecutions) {
      if (!(term >= 0) || Double.isInfinite(term)) {
        throw new IllegalArgumentException("method " + key + " has a bad execution count " + term);
      }
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(descriptor, "descriptor");
    homeReason = homeReason == null ? "" : homeReason.strip();
    if ((!movable || pinned) && homeReason.isEmpty()) {
      throw new IllegalArgumentException(
          "method " + key + " is not movable or pinned and needs a reason");
    }
    if (instructionCount < 0 || maxLoopDepth < 0 || transferBytes < 0) {
      throw new IllegalArgumentException("method " + key + " has a negative estimate");
    }
  }

  /** A method without loop trip counts ({@code bodyExecutions} empty). */
  public MethodNode(
      String key,
      String className,
      String methodName,
      String descriptor,
      boolean movable,
      boolean pinned,
      String homeReason,
      boolean remoteHint,
      int instructionCount,
      int maxLoopDepth,
      long transferBytes) {
    this(
        key,
        className,
        methodName,
        descriptor,
        movable,
        pinned,
        homeReason,
        remoteHint,
        instructionCount,
        maxLoopDepth,
        transferBytes,
        List.of());
  }

  /** The key of a method: {@code className + "#" + methodName + descriptor}. */
  public static String keyOf(String className, String methodName, String descriptor) {
    return className + "#" + methodName + descriptor;
  }

  /** A short name for reasons: the simple class name and the method, e.g. {@code Sum.main}. */
  public String displayName() {
    int dot = className.lastIndexOf('.');
    return className.substring(dot + 1) + "." + methodName;
  }

  /** Whether this method must run at home whatever the heuristic says. */
  public boolean staysHome() {
    return pinned || !movable;
  }

  /** Starts a builder for a movable method with no estimates. */
  public static Builder builder(String className, String methodName, String descriptor) {
    return new Builder(className, methodName, descriptor);
  }

  /** Builds a {@link MethodNode}; starts movable, not pinned, with zero estimates. */
  public static final class Builder {
    private final String className;
    private final String methodName;
    private final String descriptor;
    private boolean movable = true;
    private boolean pinned;
    private String homeReason = "";
    private boolean remoteHint;
    private int instructionCount;
    private int maxLoopDepth;
    private long transferBytes;
    private List<Double> bodyExecutions = List.of();

    private Builder(String className, String methodName, String descriptor) {
      this.className = className;
      this.methodName = methodName;
      this.descriptor = descriptor;
    }

    /** Marks the method not movable, with the analysis' reason. */
    public Builder notMovable(String reason) {
      this.movable = false;
      this.homeReason = reason;
      return this;
    }

    /** Marks the method pinned at home (and so not movable), with the reason. */
    public Builder pinned(String reason) {
      this.pinned = true;
      this.movable = false;
      this.homeReason = reason;
      return this;
    }

    /** Marks the method {@code @Remote}. */
    public Builder remoteHint(boolean hint) {
      this.remoteHint = hint;
      return this;
    }

    /** Sets the static estimates. */
    public Builder estimates(int instructionCount, int maxLoopDepth, long transferBytes) {
      this.instructionCount = instructionCount;
      this.maxLoopDepth = maxLoopDepth;
      this.transferBytes = transferBytes;
      return this;
    }

    /** Sets the instructions executed by unknown loops around them ({@link #bodyExecutions()}). */
    public Builder bodyExecutions(List<Double> executions) {
      this.bodyExecutions = executions;
      return this;
    }

    /** Builds the node. */
    public MethodNode build() {
      return new MethodNode(
          keyOf(className, methodName, descriptor),
          className,
          methodName,
          descriptor,
          movable,
          pinned,
          homeReason,
          remoteHint,
          instructionCount,
          maxLoopDepth,
          transferBytes,
          bodyExecutions);
    }
  }
}
