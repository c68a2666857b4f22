package dev.farcall.model.codec;

import static dev.farcall.model.codec.GenericTypes.NO_ENV;
import static dev.farcall.model.codec.GenericTypes.erasure;
import static dev.farcall.model.codec.GenericTypes.typeKey;

import dev.farcall.model.codec.GenericTypes.Bound;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Derives, for the types of one method's signature, the Avro schema and the codec tree together, so
 * the two cannot disagree. Works on generic types ({@code List<Order>}, type variables bound by a
 * parameterized use such as {@code Box<String>}), never initialises classes, and refuses anything
 * that is not a value with a {@link NotTransferableException} naming the method, the parameter, the
 * offending nested type and the path to it. Record and enum schemas are named after their class
 * (generic classes also after their type arguments) and defined once per method schema, which is
 * what lets recursive types ({@code class Node { Node next; }}) have a finite schema: {@link
 * NamedTypeMapper} maps those, {@link GenericTypes} resolves type variables.
 *
 * <p>Trust: the only classes the resulting decoders instantiate are the ones named here, which are
 * the program loader's own classes and the fixed JDK value types, so a payload can never choose a
 * class.
 */
final class TypeMapper {

  /** A type's schema (nullable union for references) and its codec. */
  record Mapped(Schema schema, ValueCodec codec) {}

  private final ClassLoader programLoader;
  private final String method;
  private String parameter = "?";
  private final Deque<String> path = new ArrayDeque<>();
  private final NamedTypeMapper namedTypes;
  private int mapEntries;

  TypeMapper(ClassLoader programLoader, String method) {
    this.programLoader = programLoader;
    this.method = method;
    this.namedTypes = new NamedTypeMapper(this, programLoader);
  }

  /** A readable method id used in every refusal: {@code owner#name(ParamType, ...)}. */
  static String methodId(java.lang.reflect.Executable m) {
    StringBuilder b = new StringBuilder(m.getDeclaringClass().getName()).append('#');
    b.append(m instanceof java.lang.reflect.Constructor ? "<init>" : m.getName()).append('(');
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      b.append(i > 0 ? ", " : "").append(types[i].getTypeName());
    }
    return b.append(')').toString();
  }

  /** Maps one parameter (or {@code "receiver"} / {@code "result"}). */
  Mapped mapParameter(String name, Type type) {
    parameter = name;
    path.clear();
    path.add(name);
    return map(type, NO_ENV);
  }

  NotTransferableException reject(Type type, String reason) {
    String at = path.size() > 1 ? " (at " + String.join("", path) + ")" : "";
    return new NotTransferableException(method, parameter, type.getTypeName(), reason + at);
  }

  /** Maps a type nested in the one being mapped; {@code step} says where, for refusals. */
  Mapped mapAt(String step, Type type, Map<TypeVariable<?>, Bound> env) {
    path.add(step);
    Mapped m = map(type, env);
    path.removeLast();
    return m;
  }

  private Mapped map(Type type, Map<TypeVariable<?>, Bound> env) {
    if (type instanceof Class<?> c) {
      return mapClass(c, null, env);
    }
    if (type instanceof ParameterizedType p) {
      return mapClass((Class<?>) p.getRawType(), p.getActualTypeArguments(), env);
    }
    if (type instanceof GenericArrayType g) {
      return mapObjectArray(g.getGenericComponentType(), env);
    }
    if (type instanceof TypeVariable<?> v) {
      Bound bound = env.get(v);
      if (bound != null) {
        return map(bound.type(), bound.env());
      }
      Type[] bounds = v.getBounds();
      if (bounds.length == 1 && bounds[0] instanceof Class<?> c && isFinalValue(c)) {
        return map(c, NO_ENV);
      }
      throw reject(v, "a type variable that is not bound to a concrete type");
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        throw reject(w, "a '? super' wildcard admits values of any supertype");
      }
      Type upper = w.getUpperBounds()[0];
      if (upper == Object.class) {
        throw reject(w, "an unbounded wildcard says nothing about what the values are");
      }
      return map(upper, env);
    }
    throw reject(type, "an unknown kind of type");
  }

  private static boolean isFinalValue(Class<?> c) {
    return c != Object.class && (Modifier.isFinal(c.getModifiers()) || c.isRecord() || c.isEnum());
  }

  static Mapped nullable(Schema schema, ValueCodec codec) {
    return new Mapped(
        Schema.createUnion(Schema.create(Schema.Type.NULL), schema), new NullableCodec(codec));
  }

  private Mapped mapClass(Class<?> c, Type[] args, Map<TypeVariable<?>, Bound> env) {
    if (c.isPrimitive()) {
      if (c == void.class) {
        throw reject(c, "void has no values");
      }
      Prim p = Prim.ofType(c);
      return new Mapped(p.schema(), new PrimitiveCodec(p));
    }
    Prim box = Prim.ofBox(c);
    if (box != null) {
      return nullable(box.schema(), new PrimitiveCodec(box));
    }
    if (c == String.class) {
      return nullable(Schema.create(Schema.Type.STRING), StringCodec.INSTANCE);
    }
    LogicalTypes.Logical logical = LogicalTypes.forClass(c);
    if (logical != null) {
      Schema s = Schema.create(Schema.Type.STRING);
      s.addProp(LogicalTypes.PROP, logical.name());
      return nullable(s, new TextValueCodec(logical));
    }
    if (c.isArray()) {
      Class<?> component = c.getComponentType();
      if (component == byte.class) {
        return nullable(Schema.create(Schema.Type.BYTES), BytesCodec.INSTANCE);
      }
      Prim p = Prim.ofType(component);
      if (p != null) {
        return nullable(Schema.createArray(p.schema()), new PrimitiveArrayCodec(p));
      }
      return mapObjectArray(component, env);
    }
    CollectionKind kind = CollectionKind.of(c);
    if (kind != null) {
      return mapCollection(c, kind, args, env);
    }
    String refusal = TransferRules.refusal(c);
    if (refusal != null) {
      throw reject(c, refusal);
    }
    if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
      throw reject(
          c,
          "an unsupported collection class; declare List, Set, SortedSet, Map, SortedMap or one"
              + " of ArrayList, LinkedList, HashSet, LinkedHashSet, TreeSet, HashMap,"
              + " LinkedHashMap, TreeMap");
    }
    boolean jdk = TransferRules.isJdk(c);
    if (c.isEnum() && (jdk ? TransferRules.isValueEnum(c) : c.getClassLoader() == programLoader)) {
      return namedTypes.mapEnum(c);
    }
    if (c.isInterface()) {
      throw reject(c, "an interface: the class of a value, and so how to rebuild it, is unknown");
    }
    if (Modifier.isAbstract(c.getModifiers())) {
      throw reject(
          c, "an abstract class: the class of a value, and so how to rebuild it, is unknown");
    }
    if (jdk) {
      throw reject(c, "a JDK class that is not one of the supported value types");
    }
    if (c.getClassLoader() != programLoader) {
      throw reject(
          c,
          "not loaded by the program's class loader; only program classes and JDK value types"
              + " are decoded");
    }
    if (c.isAnonymousClass()
        || c.isLocalClass()
        || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) {
      throw reject(c, "an inner, local or anonymous class needs its enclosing instance");
    }
    return namedTypes.mapStructure(c, args, env);
  }

  private Mapped mapObjectArray(Type component, Map<TypeVariable<?>, Bound> env) {
    Mapped item = mapAt("[]", component, env);
    return nullable(
        Schema.createArray(item.schema()),
        new ObjectArrayCodec(erasure(component, env), item.codec()));
  }

  private Mapped mapCollection(
      Class<?> c, CollectionKind kind, Type[] args, Map<TypeVariable<?>, Bound> env) {
    if (args == null) {
      throw reject(c, "a raw collection type: declare its type arguments, e.g. List<String>");
    }
    String typeName = typeKey(c, args, env);
    if (kind.sorted()) {
      Class<?> element = erasure(args[0], env);
      if (!Comparable.class.isAssignableFrom(element) && !element.isPrimitive()) {
        throw reject(args[0], "elements or keys of a sorted collection must be Comparable");
      }
    }
    if (!kind.map()) {
      Mapped item = mapAt("[]", args[0], env);
      return nullable(
          Schema.createArray(item.schema()),
          new CollectionCodec(typeName, kind.exactClass(), kind::newCollection, item.codec()));
    }
    Mapped key = mapAt("{key}", args[0], env);
    Mapped value = mapAt("{value}", args[1], env);
    Schema entry = Schema.createRecord("Entry" + ++mapEntries, null, "farcall.map", false);
    entry.setFields(
        List.of(new Schema.Field("key", key.schema()), new Schema.Field("value", value.schema())));
    Schema array = Schema.createArray(entry);
    array.addProp(LogicalTypes.PROP, LogicalTypes.MAP);
    return nullable(
        array, new MapCodec(typeName, kind.exactClass(), kind::newMap, key.codec(), value.codec()));
  }
}
