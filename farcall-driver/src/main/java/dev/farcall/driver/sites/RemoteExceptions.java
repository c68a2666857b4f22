package dev.farcall.driver.sites;

import dev.farcall.driver.rewrite.CallSiteRewriter;
import dev.farcall.model.MethodId;
import dev.farcall.model.wire.ThrownException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an exception thrown on a worker back into an exception of the same class with the same
 * message, created from the run's class loader, with a stack trace that reads as if the call had
 * run at home: the worker's frames down to the invoked method, then the caller's frames.
 */
public final class RemoteExceptions {

  private RemoteExceptions() {}

  public static Throwable rebuild(ThrownException thrown, ClassLoader loader, MethodId method) {
    Throwable t = instantiate(thrown, loader);
    List<StackTraceElement> frames = new ArrayList<>(remoteFrames(thrown, method));
    frames.addAll(callerFrames());
    t.setStackTrace(frames.toArray(StackTraceElement[]::new));
    if (thrown.getCause() != null) {
      Throwable cause = instantiate(thrown.getCause(), loader);
      cause.setStackTrace(
          parseAll(thrown.getCause().getStackTrace()).toArray(StackTraceElement[]::new));
      try {
        t.initCause(cause);
      } catch (IllegalStateException | IllegalArgumentException alreadySet) {
        t.addSuppressed(cause);
      }
    }
    return t;
  }

  private static Throwable instantiate(ThrownException thrown, ClassLoader loader) {
    String message = thrown.getMessage() == null ? null : thrown.getMessage().toString();
    try {
      Class<?> type = Class.forName(thrown.getClassName().toString(), false, loader);
      if (Throwable.class.isAssignableFrom(type)) {
        Throwable withMessage = construct(type, message);
        if (withMessage != null) {
          return withMessage;
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // fall through to a generic exception that still names the class
    }
    return new RemoteCallException(thrown.getClassName() + ": " + message);
  }

  private static Throwable construct(Class<?> type, String message) {
    try {
      Constructor<?> c = type.getDeclaredConstructor(String.class);
      c.setAccessible(true);
      return (Throwable) c.newInstance(message);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no (String) constructor
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(String.class, Throwable.class);
      c.setAccessible(true);
      return (Throwable) c.newInstance(message, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no (String, Throwable) constructor
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor();
      c.setAccessible(true);
      Throwable t = (Throwable) c.newInstance();
      if (!java.util.Objects.equals(t.getMessage(), message)) {
        setDetailMessage(t, message);
      }
      return t; // the same type matters most; the message is restored where the JDK allows it

    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static void setDetailMessage(Throwable t, String message) {
    try {
      java.lang.reflect.Field f = Throwable.class.getDeclaredField("detailMessage");
      f.setAccessible(true); // needs --add-opens java.base/java.lang=ALL-UNNAMED
      f.set(t, message);
    } catch (ReflectiveOperationException | RuntimeException notOpened) {
      // keep the constructor's message
    }
  }

  /** The worker's frames down to the invoked method (the worker's own frames below are dropped). */
  private static List<StackTraceElement> remoteFrames(ThrownException thrown, MethodId method) {
    List<StackTraceElement> all = parseAll(thrown.getStackTrace());
    int last = -1;
    for (int i = 0; i < all.size(); i++) {
      StackTraceElement e = all.get(i);
      if (e.getClassName().equals(method.className())
          && e.getMethodName().equals(method.methodName())) {
        last = i;
      }
    }
    return last < 0 ? all : all.subList(0, last + 1);
  }

  /** The current thread's frames above the stub that made the call. */
  private static List<StackTraceElement> callerFrames() {
    StackTraceElement[] here = new Throwable().getStackTrace();
    for (int i = 0; i < here.length; i++) {
      if (here[i].getMethodName().startsWith(CallSiteRewriter.STUB_PREFIX)) {
        return List.of(here).subList(i + 1, here.length);
      }
    }
    return List.of();
  }

  private static List<StackTraceElement> parseAll(List<String> lines) {
    List<StackTraceElement> frames = new ArrayList<>(lines.size());
    for (String line : lines) {
      frames.add(StackTraces.withoutProgramLoader(parse(line)));
    }
    return frames;
  }

  /**
   * Parses {@code StackTraceElement.toString()}: {@code
   * [loader/][module[@version]/]cls.method(src)} where src is {@code File.java:12}, {@code
   * File.java}, {@code Unknown Source} or {@code Native Method}.
   */
  static StackTraceElement parse(String line) {
    int open = line.lastIndexOf('(');
    String location = open < 0 ? line : line.substring(0, open);
    String source =
        open < 0
            ? ""
            : line.substring(open + 1, line.endsWith(")") ? line.length() - 1 : line.length());
    String loader = null;
    String module = null;
    String moduleVersion = null;
    String[] parts = location.split("/");
    String qualified = parts[parts.length - 1];
    if (parts.length == 3) {
      loader = parts[0].isEmpty() ? null : parts[0];
      module = parts[1].isEmpty() ? null : parts[1];
    } else if (parts.length == 2) {
      module = parts[0].isEmpty() ? null : parts[0];
    }
    if (module != null && module.contains("@")) {
      moduleVersion = module.substring(module.indexOf('@') + 1);
      module = module.substring(0, module.indexOf('@'));
    }
    int dot = qualified.lastIndexOf('.');
    String cls = dot < 0 ? qualified : qualified.substring(0, dot);
    String mth = dot < 0 ? "" : qualified.substring(dot + 1);
    String file = null;
    int lineNumber = -1;
    if (source.equals("Native Method")) {
      lineNumber = -2;
    } else if (!source.equals("Unknown Source") && !source.isEmpty()) {
      int colon = source.lastIndexOf(':');
      if (colon > 0) {
        file = source.substring(0, colon);
        try {
          lineNumber = Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
          file = source;
        }
      } else {
        file = source;
      }
    }
    return new StackTraceElement(loader, module, moduleVersion, cls, mth, file, lineNumber);
  }

  /** Stands for a remote exception whose class cannot be recreated at home. */
  static final class RemoteCallException extends RuntimeException {
    RemoteCallException(String message) {
      super(message);
    }
  }
}
