package dev.farcall.model.codec;

import static dev.farcall.model.codec.GenericTypes.bind;
import static dev.farcall.model.codec.GenericTypes.typeKey;
import static dev.farcall.model.codec.TypeMapper.nullable;

import dev.farcall.model.codec.GenericTypes.Bound;
import dev.farcall.model.codec.TypeMapper.Mapped;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The part of {@link TypeMapper} that maps the types whose schemas are named: enums, and records
 * and POJOs as Avro records. Each is named after its class (a generic class also after its type
 * arguments) and defined once per method schema, which is what lets recursive types ({@code class
 * Node { Node next; }}) have a finite schema; the field types go back through the {@link
 * TypeMapper} this one belongs to.
 */
final class NamedTypeMapper {

  private final TypeMapper mapper;
  private final ClassLoader programLoader;
  private final Map<String, Mapped> named = new HashMap<>();

  NamedTypeMapper(TypeMapper mapper, ClassLoader programLoader) {
    this.mapper = mapper;
    this.programLoader = programLoader;
  }

  /** An enum as an Avro enum of its constants, in declaration order. */
  Mapped mapEnum(Class<?> c) {
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
  Mapped mapStructure(Class<?> c, Type[] args, Map<TypeVariable<?>, Bound> env) {
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
    // defined before its fields are mapped, so that a field of its own type finds it
    named.put(key, m);

    List<Schema.Field> avroFields = new ArrayList<>();
    FieldSlot[] slots = new FieldSlot[fields.size()];
    Set<String> used = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Mapped fm = mapper.mapAt("." + f.getName(), types.get(i), envs.get(i));
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
      throw mapper.reject(c, "record component " + name + " has no field");
    }
  }

  private Constructor<?> constructor(Class<?> c, Class<?>... parameterTypes) {
    try {
      return c.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw mapper.reject(
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
        throw mapper.reject(
            c, "extends " + superclass.getName() + ", whose state cannot be transferred");
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

  private static String binarySimpleName(Class<?> c) {
    String pkg = c.getPackageName();
    return pkg.isEmpty() ? c.getName() : c.getName().substring(pkg.length() + 1);
  }
}
