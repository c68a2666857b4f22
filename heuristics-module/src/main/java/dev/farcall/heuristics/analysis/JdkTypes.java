package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.knowledge.KnowledgeBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK's type hierarchy, read by reflection from the platform class loader (JDK classes only,
 * never initialised). Results are cached; one instance per analysis.
 */
final class JdkTypes implements KnowledgeBase.Supertypes {

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final Map<String, Optional<Class<?>>> classes = new HashMap<>();
  private final Map<String, List<String>> linearizations = new HashMap<>();
  private final Map<String, Set<String>> methods = new HashMap<>();

  /** The JDK class of that dotted name, if the JDK has it. */
  Optional<Class<?>> find(String dotted) {
    return classes.computeIfAbsent(
        dotted,
        name -> {
          try {
            return Optional.of(Class.forName(name, false, platform));
          } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
          }
        });
  }

  boolean isJdk(String dotted) {
    return find(dotted).isPresent();
  }

  /** Supertypes nearest first: superclasses (without Object), then interfaces breadth-first. */
  @Override
  public List<String> of(String dotted) {
    return linearizations.computeIfAbsent(dotted, this::linearize);
  }

  private List<String> linearize(String dotted) {
    Optional<Class<?>> found = find(dotted);
    if (found.isEmpty()) {
      return List.of();
    }
    Set<String> result = new LinkedHashSet<>();
    Deque<Class<?>> interfaces = new ArrayDeque<>();
    for (Class<?> c = found.get(); c != null; c = c.getSuperclass()) {
      if (c != found.get() && c != Object.class) {
        result.add(c.getName());
      }
      interfaces.addAll(List.of(c.getInterfaces()));
    }
    while (!interfaces.isEmpty()) {
      Class<?> i = interfaces.poll();
      if (result.add(i.getName())) {
        interfaces.addAll(List.of(i.getInterfaces()));
      }
    }
    return new ArrayList<>(result);
  }

  /** Whether the JDK class or one of its supertypes declares a method {@code name + desc}. */
  boolean hasMethod(String dotted, String name, String desc) {
    return methods.computeIfAbsent(dotted, this::collectMethods).contains(name + desc);
  }

  private Set<String> collectMethods(String dotted) {
    Set<String> result = new java.util.HashSet<>();
    List<String> types = new ArrayList<>(of(dotted));
    types.add(0, dotted);
    types.add("java.lang.Object");
    for (String t : types) {
      Optional<Class<?>> c = find(t);
      if (c.isEmpty()) {
        continue;
      }
      try {
        for (java.lang.reflect.Method m : c.get().getDeclaredMethods()) {
          result.add(m.getName() + org.objectweb.asm.Type.getMethodDescriptor(m));
        }
      } catch (LinkageError e) {
        // a JDK class whose signatures cannot be resolved: treat as declaring nothing
      }
    }
    return result;
  }
}
