package dev.farcall.model.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Derives, for the types of one method's signature, the Avro schema and the codec tree together, so
 * the two cannot disagree. Works on generic types ({@code List<Order>}, type variables bound by a
 * parameterized use such as {@code Box<String>}), never initialises classes, and refuses anything
 * that is not a value with a {@link NotTransferableException} naming the method, the parameter, the
 * offending nested type and the path to it. Record and enum schemas are named after their class
 * (generic classes also after their type arguments) and defined once per method schema, which is
 * what lets recursive types ({@code class Node { Node next; }}) have a finite schema.
 *
 * <p>Trust: the only classes the resulting decoders instantiate are the ones named here, which are
 * the program loader's own classes and the fixed JDK value types, so a payload can never choose a
 * class.
 */
final class TypeMapper {

  /** A type's schema (nullable union for references) and its codec. */
  record Mapped(Schema schema, ValueCodec codec) {}

  /** What a type variable stands for, with the variables in scope where it was bound. */
  private record Bound(Type type, Map<TypeVariable<?>, Bound> env) {}

  private static final Map<TypeVariable<?>, Bound> NO_ENV = Map.of();

  private final ClassLoader programLoader;
  private final String method;
  private String parameter = "?";
  private final Deque<String> path = new ArrayDeque<>();
  private final Map<String, Mapped> named = new HashMap<>();
  private int mapEntries;

  TypeMapper(ClassLoader programLoader, String method) {
    this.programLoader = programLoader;
    this.method = method;
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

  private NotTransferableException reject(Type type, String reason) {
    String at = path.size() > 1 ? " (at " + String.join("", path) + ")" : "";
    return new NotTransferableException(method, parameter, type.getTypeName(), reason + at);
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

  private static Mapped nullable(Schema schema, ValueCodec codec) {
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
      return mapEnum(c);
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
    return mapStructure(c, args, env);
  }

  private Mapped mapObjectArray(Type component, Map<TypeVariable<?>, Bound> env) {
    path.add("[]");
    Mapped item = map(component, env);
    path.removeLast();
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
      path.add("[]");
      Mapped item = map(args[0], env);
      path.removeLast();
      return nullable(
          Schema.createArray(item.schema()),
          new CollectionCodec(typeName, kind.exactClass(), kind::newCollection, item.codec()));
    }
    path.add("{key}");
    Mapped key = map(args[0], env);
    path.removeLast();
    path.add("{value}");
    Mapped value = map(args[1], env);
    path.removeLast();
    Schema entry = Schema.createRecord("Entry" + ++mapEntries, null, "farcall.map", false);
    entry.setFields(
        List.of(new Schema.Field("key", key.schema()), new Schema.Field("value", value.schema())));
    Schema array = Schema.createArray(entry);
    array.addProp(LogicalTypes.PROP, LogicalTypes.MAP);
    return nullable(
        array, new MapCodec(typeName, kind.exactClass(), kind::newMap, key.codec(), value.codec()));
  }

  private Mapped mapEnum(Class<?> c) {
    Mapped done = named.get(c.getName());
    if (done != null) {
      return done;
    }
    List<String> names = new ArrayList<>();
    List<String> symbols = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      if (f.isEnumConstant()) {
        names.add(f.getName());
        symbols.add(AvroNames.mangle(f.getName()));
      }
    }
    Schema schema =
        Schema.createEnum(
            AvroNames.mangle(binarySimpleName(c)),
            null,
            AvroNames.namespace(c.getPackageName()),
            symbols);
    schema.addProp(LogicalTypes.CLASS_PROP, c.getName());
    Mapped m = nullable(schema, new EnumCodec(c, List.copyOf(names)));
    named.put(c.getName(), m);
    return m;
  }

  /** A record or POJO as an Avro record, fields in declaration order (superclass first). */
  private Mapped mapStructure(Class<?> c, Type[] args, Map<TypeVariable<?>, Bound> env) {
    Map<TypeVariable<?>, Bound> own = bind(c, args, env);
    String key = typeKey(c, c.getTypeParameters(), own);
    Mapped done = named.get(key);
    if (done != null) {
      return done;
    }
    String name = binarySimpleName(c);
    if (c.getTypeParameters().length > 0) {
      name += "_" + key.substring(c.getName().length());
    }
    Schema schema =
        Schema.createRecord(
            AvroNames.mangle(name), null, AvroNames.namespace(c.getPackageName()), false);
    schema.addProp(LogicalTypes.CLASS_PROP, key);
    List<Field> fields = new ArrayList<>();
    List<Map<TypeVariable<?>, Bound>> envs = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    ValueCodec codec;
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      Class<?>[] erased = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        erased[i] = components[i].getType();
        fields.add(declaredField(c, components[i].getName()));
        types.add(components[i].getGenericType());
        envs.add(own);
      }
      codec = new RecordCodec(c, constructor(c, erased));
    } else {
      collectFields(c, own, fields, types, envs);
      codec = new PojoCodec(c, constructor(c));
    }
    Mapped m = nullable(schema, codec);
    named.put(key, m);

    List<Schema.Field> avroFields = new ArrayList<>();
    FieldSlot[] slots = new FieldSlot[fields.size()];
    Set<String> used = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      path.add("." + f.getName());
      Mapped fm = map(types.get(i), envs.get(i));
      path.removeLast();
      String fieldName = AvroNames.mangle(f.getName());
      if (!used.add(fieldName)) {
        fieldName = AvroNames.mangle(binarySimpleName(f.getDeclaringClass())) + "_" + fieldName;
        while (!used.add(fieldName)) {
          fieldName += "_";
        }
      }
      avroFields.add(new Schema.Field(fieldName, fm.schema()));
      Prim prim = f.getType().isPrimitive() ? Prim.ofType(f.getType()) : null;
      slots[i] =
          c.isRecord()
              ? new FieldSlot(prim, fm.codec(), c.getRecordComponents()[i])
              : new FieldSlot(f, prim, fm.codec(), true);
    }
    schema.setFields(avroFields);
    if (codec instanceof RecordCodec r) {
      r.setSlots(slots);
    } else {
      ((PojoCodec) codec).setSlots(slots);
    }
    return m;
  }

  private Field declaredField(Class<?> c, String name) {
    try {
      return c.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw reject(c, "record component " + name + " has no field");
    }
  }

  private Constructor<?> constructor(Class<?> c, Class<?>... parameterTypes) {
    try {
      return c.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw reject(
          c,
          c.isRecord()
              ? "a record without its canonical constructor"
              : "a class without a no-arg constructor cannot be rebuilt; add one or make it a"
                  + " record");
    }
  }

  /** Instance fields of a POJO and its superclasses, superclass fields first. */
  private void collectFields(
      Class<?> c,
      Map<TypeVariable<?>, Bound> env,
      List<Field> fields,
      List<Type> types,
      List<Map<TypeVariable<?>, Bound>> envs) {
    Class<?> superclass = c.getSuperclass();
    if (superclass != null && superclass != Object.class) {
      if (TransferRules.isJdk(superclass) || superclass.getClassLoader() != programLoader) {
        throw reject(c, "extends " + superclass.getName() + ", whose state cannot be transferred");
      }
      Type generic = c.getGenericSuperclass();
      Type[] superArgs = generic instanceof ParameterizedType p ? p.getActualTypeArguments() : null;
      collectFields(superclass, bind(superclass, superArgs, env), fields, types, envs);
    }
    for (Field f : c.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.isSynthetic()) {
        fields.add(f);
        types.add(f.getGenericType());
        envs.add(env);
      }
    }
  }

  private static Map<TypeVariable<?>, Bound> bind(
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

  private static String binarySimpleName(Class<?> c) {
    String pkg = c.getPackageName();
    return pkg.isEmpty() ? c.getName() : c.getName().substring(pkg.length() + 1);
  }

  /**
   * A canonical name of a type with its variables substituted, e.g. {@code Box<java.lang.String>}.
   */
  private static String typeKey(Class<?> raw, Type[] args, Map<TypeVariable<?>, Bound> env) {
    if (args == null || args.length == 0) {
      return raw.getTypeName();
    }
    StringBuilder b = new StringBuilder(raw.getTypeName()).append('<');
    for (int i = 0; i < args.length; i++) {
      b.append(i > 0 ? "," : "").append(typeKey(args[i], env));
    }
    return b.append('>').toString();
  }

  private static String typeKey(Type t, Map<TypeVariable<?>, Bound> env) {
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

  private static Class<?> erasure(Type t, Map<TypeVariable<?>, Bound> env) {
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
