package dev.farcall.driver.objects;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether a class may live remotely: each of its public instance methods (what a handle can call)
 * and the constructor it is made with must be free of I/O, global writes and exits, by the same
 * effect analysis that decides which calls move. Mutating the object's own state is what a remote
 * object is for, so ARG_MUTATION of the receiver is allowed. The verdict is kept per class.
 */
final class ObjectTypeCheck {

  /** Effects that would happen on the worker instead of at home. */
  static final Set<Effect> REFUSED = EnumSet.of(Effect.IO, Effect.GLOBAL_WRITE, Effect.EXIT);

  private final Supplier<ProgramModel> model;
  private final Map<Class<?>, String> refusals = new ConcurrentHashMap<>();

  ObjectTypeCheck(Supplier<ProgramModel> model) {
    this.model = model;
  }

  /**
   * Refuses a type that may not live remotely.
   *
   * @throws IllegalArgumentException naming the first offending method and the analysis' reason
   */
  void check(Class<?> type, String constructorDescriptor) {
    String refusal = refusals.computeIfAbsent(type, t -> refusal(t, constructorDescriptor));
    if (!refusal.isEmpty()) {
      throw new IllegalArgumentException(refusal);
    }
  }

  private String refusal(Class<?> type, String constructorDescriptor) {
    ProgramModel program = model.get();
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
    return why.length() == 0 ? "" : owner + " cannot be a remote object: " + why;
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
