package dev.farcall.worker.invoke;

import dev.farcall.model.wire.ThrownException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Turns an exception thrown by an invoked method into its wire form. */
public final class ThrownExceptions {

  /** How many causes travel with an exception (the exception itself not counted). */
  public static final int MAX_CAUSES = 4;

  /** How many stack frames travel per exception. */
  public static final int MAX_FRAMES = 128;

  private static final String WORKER_PACKAGE = "dev.farcall.worker.";

  private ThrownExceptions() {}

  /**
   * The wire form of {@code thrown}: binary class name, message, stack frames (innermost first,
   * without the worker's own frames beneath the invoked method) and up to {@link #MAX_CAUSES}
   * causes.
   */
  public static ThrownException of(Throwable thrown) {
    return of(thrown, 0, new IdentityHashMap<>());
  }

  private static ThrownException of(Throwable t, int depth, Map<Throwable, Boolean> seen) {
    seen.put(t, Boolean.TRUE);
    Throwable cause = t.getCause();
    ThrownException causeForm =
        cause != null && depth < MAX_CAUSES && !seen.containsKey(cause)
            ? of(cause, depth + 1, seen)
            : null;
    return ThrownException.newBuilder()
        .setClassName(t.getClass().getName())
        .setMessage(messageOf(t))
        .setStackTrace(frames(t))
        .setCause(causeForm)
        .build();
  }

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      // A program's own getMessage() may itself fail; the class name still tells the story.
      return null;
    }
  }

  private static List<String> frames(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    List<String> frames = new ArrayList<>(Math.min(trace.length, MAX_FRAMES));
    for (StackTraceElement e : trace) {
      if (e.getClassName().startsWith(WORKER_PACKAGE) || frames.size() == MAX_FRAMES) {
        break;
      }
      frames.add(frame(e));
    }
    return frames;
  }

  /**
   * A frame as {@code class.method(File.java:line)}, without the class loader and module names
   * {@link StackTraceElement#toString()} adds, so it reads as it would at home and parses back.
   */
  static String frame(StackTraceElement e) {
    String where;
    if (e.isNativeMethod()) {
      where = "Native Method";
    } else if (e.getFileName() == null) {
      where = "Unknown Source";
    } else if (e.getLineNumber() >= 0) {
      where = e.getFileName() + ":" + e.getLineNumber();
    } else {
      where = e.getFileName();
    }
    return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
  }
}
