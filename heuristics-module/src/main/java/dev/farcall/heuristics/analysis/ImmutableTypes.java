package dev.farcall.heuristics.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Types whose instances no code can write after construction: the JDK's immutable value types
 * ({@link Origins#isImmutable}) and program classes that are deeply immutable. Their origin never
 * matters, so a static field of such a type is a constant once {@code <clinit>} has assigned it,
 * whatever other static objects the program mutates.
 *
 * <p>A program class is deeply immutable when it is not an interface (a lambda or proxy could
 * implement one and capture anything), its superclasses are program classes ending in {@code
 * Object}, {@code Enum}, {@code Record} or {@code Number} (none of which has a writable field),
 * every instance field of it and its superclasses is {@code final} and of a primitive or deeply
 * immutable type, and so is every program subclass (the runtime class may be any of them). The JVM
 * lets a {@code final} field be written only by a constructor of its class on an object being
 * constructed; reflection and deserialisation, which could do more, are effects of their own.
 * Cycles (a {@code final Node next}) count as immutable: nothing on the cycle is writable.
 */
final class ImmutableTypes {

  private static final Set<String> FIELDLESS_ROOTS =
      Set.of("java/lang/Object", "java/lang/Enum", "java/lang/Record", "java/lang/Number");

  private final ProgramIndex program;
  private final Map<String, Boolean> known = new HashMap<>();

  /** Classes answered "immutable" during the current outermost check (valid only if it is). */
  private final List<String> provisional = new ArrayList<>();

  private int depth;

  ImmutableTypes(ProgramIndex program) {
    this.program = program;
  }

  /** Whether nothing reachable from a value of this type can be written. */
  boolean isImmutable(Type type) {
    if (Origins.isImmutable(type)) {
      return true;
    }
    return type.getSort() == Type.OBJECT && isImmutableClass(type.getInternalName());
  }

  private boolean isImmutableClass(String internal) {
    Boolean cached = known.get(internal);
    if (cached != null) {
      return cached;
    }
    ClassNode c = program.get(internal);
    if (c == null || (c.access & Opcodes.ACC_INTERFACE) != 0) {
      return false;
    }
    known.put(internal, true); // coinductive: assumed while its fields are checked
    depth++;
    boolean result;
    try {
      result = ownAndInheritedFieldsFinal(c) && subclassesImmutable(internal);
    } finally {
      depth--;
    }
    known.put(internal, result);
    if (result && depth > 0) {
      provisional.add(internal);
    } else if (depth == 0) {
      if (!result) {
        // a "yes" given while this class was assumed immutable may rest on that assumption
        provisional.forEach(known::remove);
      }
      provisional.clear();
    }
    return result;
  }

  private boolean ownAndInheritedFieldsFinal(ClassNode start) {
    ClassNode c = start;
    while (true) {
      for (FieldNode f : c.fields) {
        if ((f.access & Opcodes.ACC_STATIC) != 0) {
          continue;
        }
        if ((f.access & Opcodes.ACC_FINAL) == 0) {
          return false;
        }
        Type type = Type.getType(f.desc);
        boolean primitive = type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY;
        if (!primitive && !isImmutable(type)) {
          return false;
        }
      }
      if (c.superName == null || FIELDLESS_ROOTS.contains(c.superName)) {
        return true;
      }
      ClassNode parent = program.get(c.superName);
      if (parent == null) {
        return false; // a JDK superclass other than the field-less roots may have state
      }
      c = parent;
    }
  }

  private boolean subclassesImmutable(String internal) {
    List<String> subclasses = program.concreteSubtypes(internal);
    for (String s : subclasses) {
      if (!s.equals(internal) && !isImmutableClass(s)) {
        return false;
      }
    }
    return true;
  }
}
