package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a class may live remotely as an object: each of its public instance methods (what a
 * handle can call) and the constructor it is made with must be free of I/O, global writes and
 * exits, by the same effect analysis that decides which calls move. Mutating the object's own state
 * is what a remote object is for, so ARG_MUTATION of the receiver is allowed. The one rule for the
 * run driver ({@code Farcall.remote}) and the coordinator ({@code POST /programs/{id}/objects}).
 */
public final class RemoteObjectTypes {

  /** Effects that would happen on the worker instead of at home. */
  public static final Set<Effect> REFUSED = EnumSet.of(Effect.IO, Effect.GLOBAL_WRITE, Effect.EXIT);

  private RemoteObjectTypes() {}

  /**
   * Why {@code type}, made with the constructor of {@code constructorDescriptor}, may not live
   * remotely: the first offending method with its effects and the analysis' reasons; empty when it
   * may.
   */
  public static Optional<String> refusal(
      ProgramModel program, Class<?> type, String constructorDescriptor) {
    String owner = type.getName();
    StringBuilder why = new StringBuilder();
    program
        .method(owner, "<init>", constructorDescriptor)
        .ifPresent(m -> explain(m, "its constructor", why));
    for (Method m : type.getDeclaredMethods()) {
      if (why.length() > 0) {
        break;
      }
      int mod = m.getModifiers();
      if (Modifier.isStatic(mod) || !Modifier.isPublic(mod) || m.isSynthetic()) {
        continue;
      }
      program
          .method(owner, m.getName(), dev.farcall.model.program.MethodDescriptors.of(m))
          .ifPresent(a -> explain(a, "method " + m.getName(), why));
    }
    return why.length() == 0
        ? Optional.empty()
        : Optional.of(owner + " cannot be a remote object: " + why);
  }

  private static void explain(MethodAnalysis m, String what, StringBuilder why) {
    Set<Effect> bad = EnumSet.noneOf(Effect.class);
    bad.addAll(m.effects());
    bad.retainAll(REFUSED);
    if (bad.isEmpty() || why.length() > 0) {
      return;
    }
    List<String> reasons =
        m.reasons().stream()
            .filter(r -> bad.stream().anyMatch(e -> r.startsWith(e.name())))
            .toList();
    why.append(what)
        .append(m.descriptor())
        .append(" has ")
        .append(bad)
        .append(reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
  }
}
