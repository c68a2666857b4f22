package dev.farcall.heuristics.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The program's classes and their hierarchy, joined to the JDK's: JVM method resolution and the
 * subtype queries class-hierarchy analysis needs. Names are internal ({@code com/x/Y}).
 */
final class ProgramIndex {

  /** The result of resolving a method reference from some class. */
  record Resolution(String owner, MethodNode method, Where where) {}

  enum Where {
    /** A program method with a body. */
    PROGRAM,
    /** A program method without one. */
    ABSTRACT,
    /** Resolution reached a JDK class ({@code owner}). */
    JDK,
    /** Resolution reached a class that exists nowhere ({@code owner}). */
    MISSING,
    /** Nothing found (for example an interface method no class implements). */
    NONE
  }

  private final Map<String, ClassNode> classes;
  private final JdkTypes jdk;
  private final Map<String, Map<String, MethodNode>> methodsByClass = new HashMap<>();
  private final Map<String, Set<String>> supertypes = new HashMap<>();
  private final Map<String, List<String>> subtypes = new HashMap<>();
  private final ImmutableTypes immutable = new ImmutableTypes(this);

  /**
   * @param classes the program's classes; classes the JDK defines must already be removed
   */
  ProgramIndex(Map<String, ClassNode> classes, JdkTypes jdk) {
    this.classes = classes;
    this.jdk = jdk;
    for (ClassNode c : classes.values()) {
      Map<String, MethodNode> methods = new HashMap<>();
      for (MethodNode m : c.methods) {
        methods.put(m.name + m.desc, m);
      }
      methodsByClass.put(c.name, methods);
    }
  }

  ClassNode get(String internal) {
    return classes.get(internal);
  }

  boolean isProgram(String internal) {
    return classes.containsKey(internal);
  }

  boolean isJdk(String internal) {
    return jdk.isJdk(internal.replace('/', '.'));
  }

  /**
   * Whether nothing reachable from a value of this type can be written ({@link ImmutableTypes}).
   */
  boolean isImmutable(org.objectweb.asm.Type type) {
    return immutable.isImmutable(type);
  }

  Iterable<ClassNode> all() {
    return classes.values();
  }

  MethodNode declared(String internal, String name, String desc) {
    Map<String, MethodNode> methods = methodsByClass.get(internal);
    return methods == null ? null : methods.get(name + desc);
  }

  /** The class declaring a static field, searching superclasses and interfaces of the program. */
  String fieldOwner(String owner, String name) {
    Deque<String> todo = new ArrayDeque<>(List.of(owner));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String c = todo.poll();
      ClassNode node = isProgram(c) ? classes.get(c) : null;
      if (node == null || !seen.add(c)) {
        continue;
      }
      for (FieldNode f : node.fields) {
        if (f.name.equals(name)) {
          return c;
        }
      }
      if (node.superName != null) {
        todo.add(node.superName);
      }
      todo.addAll(node.interfaces);
    }
    return owner;
  }

  /** JVM method resolution from {@code start}: superclasses first, then default methods. */
  Resolution resolve(String start, String name, String desc) {
    String c = start;
    Set<String> seen = new HashSet<>();
    String jdkSuper = null;
    while (c != null && seen.add(c)) {
      if (!isProgram(c)) {
        if (!isJdk(c)) {
          return new Resolution(c, null, Where.MISSING);
        }
        if (jdk.hasMethod(c.replace('/', '.'), name, desc)) {
          return new Resolution(c, null, Where.JDK);
        }
        // not in the JDK superclass chain: a default method of an interface, or nowhere
        jdkSuper = c;
        break;
      }
      MethodNode m = declared(c, name, desc);
      if (m != null) {
        return new Resolution(c, m, hasBody(m) ? Where.PROGRAM : Where.ABSTRACT);
      }
      c = classes.get(c).superName;
    }
    // Default methods (and abstract interface methods) of the program's interfaces.
    Resolution abstractOne = null;
    Deque<String> todo = new ArrayDeque<>();
    for (String s = start; s != null && isProgram(s); s = classes.get(s).superName) {
      todo.addAll(classes.get(s).interfaces);
    }
    Set<String> seenInterfaces = new HashSet<>();
    String outside = null;
    while (!todo.isEmpty()) {
      String i = todo.poll();
      if (!seenInterfaces.add(i)) {
        continue;
      }
      if (!isProgram(i)) {
        boolean declares = !isJdk(i) || jdk.hasMethod(i.replace('/', '.'), name, desc);
        if (outside == null && declares) {
          outside = i;
        }
        continue;
      }
      MethodNode m = declared(i, name, desc);
      if (m != null && (m.access & Opcodes.ACC_STATIC) == 0) {
        if (hasBody(m)) {
          return new Resolution(i, m, Where.PROGRAM);
        }
        if (abstractOne == null) {
          abstractOne = new Resolution(i, m, Where.ABSTRACT);
        }
      }
      todo.addAll(classes.get(i).interfaces);
    }
    if (abstractOne != null) {
      return abstractOne;
    }
    if (outside != null) {
      return new Resolution(outside, null, isJdk(outside) ? Where.JDK : Where.MISSING);
    }
    // Declared nowhere we can see: the JDK superclass stands for it (the knowledge base decides).
    return new Resolution(jdkSuper != null ? jdkSuper : "java/lang/Object", null, Where.JDK);
  }

  /** Concrete: not abstract (native methods count, their effects come from elsewhere). */
  static boolean hasBody(MethodNode m) {
    return (m.access & Opcodes.ACC_ABSTRACT) == 0;
  }

  static boolean isNative(MethodNode m) {
    return (m.access & Opcodes.ACC_NATIVE) != 0;
  }

  /** Every type a program class is a subtype of (itself, program and JDK supertypes). */
  Set<String> supertypesOf(String internal) {
    Set<String> cached = supertypes.get(internal);
    if (cached != null) {
      return cached;
    }
    Set<String> result = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(internal));
    while (!todo.isEmpty()) {
      String c = todo.poll();
      if (!result.add(c)) {
        continue;
      }
      if (isProgram(c)) {
        ClassNode node = classes.get(c);
        if (node.superName != null) {
          todo.add(node.superName);
        }
        todo.addAll(node.interfaces);
      } else {
        for (String s : jdk.of(c.replace('/', '.'))) {
          result.add(s.replace('.', '/'));
        }
      }
    }
    supertypes.put(internal, result);
    return result;
  }

  /** Program classes (not interfaces, not abstract) that are subtypes of {@code type}. */
  List<String> concreteSubtypes(String type) {
    if (subtypes.isEmpty()) {
      for (ClassNode c : classes.values()) {
        if ((c.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) == 0) {
          for (String s : supertypesOf(c.name)) {
            subtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(c.name);
          }
        }
      }
      subtypes.put("", List.of());
    }
    return subtypes.getOrDefault(type, List.of());
  }
}
