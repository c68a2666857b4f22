package dev.farcall.model.codec;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Generic types as {@link TypeMapper} sees them: the type variables a parameterized use binds
 * ({@code Box<String>} binds {@code T} of {@code Box}), a type's canonical name with its variables
 * substituted (which names generic schemas, so it must stay stable), and its erasure.
 */
final class GenericTypes {

  /** What a type variable stands for, with the variables in scope where it was bound. */
  record Bound(Type type, Map<TypeVariable<?>, Bound> env) {}

  static final Map<TypeVariable<?>, Bound> NO_ENV = Map.of();

  private GenericTypes() {}

  /** What a use of {@code c} with these type arguments binds its type variables to. */
  static Map<TypeVariable<?>, Bound> bind(
      Class<?> c, Type[] args, Map<TypeVariable<?>, Bound> env) {
    TypeVariable<?>[] params = c.getTypeParameters();
    if (args == null || params.length == 0 || args.length != params.length) {
      return NO_ENV;
    }
    Map<TypeVariable<?>, Bound> own = new HashMap<>();
    for (int i = 0; i < params.length; i++) {
      own.put(params[i], new Bound(args[i], env));
    }
    return own;
  }

  /**
   * A canonical name of a type with its variables substituted, e.g. {@code Box<java.lang.String>}.
   */
  static String typeKey(Class<?> raw, Type[] args, Map<TypeVariable<?>, Bound> env) {
    if (args == null || args.length == 0) {
      return raw.getTypeName();
    }
    StringBuilder b = new StringBuilder(raw.getTypeName()).append('<');
    for (int i = 0; i < args.length; i++) {
      b.append(i > 0 ? "," : "").append(typeKey(args[i], env));
    }
    return b.append('>').toString();
  }

  static String typeKey(Type t, Map<TypeVariable<?>, Bound> env) {
    if (t instanceof Class<?> c) {
      return c.getTypeName();
    }
    if (t instanceof ParameterizedType p) {
      return typeKey((Class<?>) p.getRawType(), p.getActualTypeArguments(), env);
    }
    if (t instanceof GenericArrayType g) {
      return typeKey(g.getGenericComponentType(), env) + "[]";
    }
    if (t instanceof TypeVariable<?> v) {
      Bound b = env.get(v);
      return b == null ? v.getName() : typeKey(b.type(), b.env());
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + typeKey(w.getLowerBounds()[0], env);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeKey(upper, env);
    }
    return t.getTypeName();
  }

  static Class<?> erasure(Type t, Map<TypeVariable<?>, Bound> env) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      return erasure(g.getGenericComponentType(), env).arrayType();
    }
    if (t instanceof TypeVariable<?> v) {
      Bound b = env.get(v);
      return b != null ? erasure(b.type(), b.env()) : erasure(v.getBounds()[0], NO_ENV);
    }
    if (t instanceof WildcardType w) {
      return erasure(w.getUpperBounds()[0], env);
    }
    return Object.class;
  }
}
