package dev.farcall.model.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The {@link MethodCodec} built by {@link ArgumentCodec}: the argument and result schemas plus one
 * codec tree per argument, derived together by {@link TypeMapper}. Encoding writes into a reused
 * per-thread buffer; decoding reads with fail-fast bounds checks. Immutable and thread-safe once
 * built.
 */
final class CompiledMethodCodec implements MethodCodec {

  private final Executable method;
  private final String methodId;
  private final Schema argumentSchema;
  private final Schema resultSchema;
  private final long fingerprint;
  private final String[] names;
  private final ValueCodec[] arguments;
  private final ValueCodec result;
  private final DecodeLimits limits;

  private CompiledMethodCodec(
      Executable method,
      Schema argumentSchema,
      Schema resultSchema,
      String[] names,
      ValueCodec[] arguments,
      ValueCodec result,
      DecodeLimits limits) {
    this.method = method;
    this.methodId = TypeMapper.methodId(method);
    this.argumentSchema = argumentSchema;
    this.resultSchema = resultSchema;
    this.fingerprint = SchemaNormalization.parsingFingerprint64(argumentSchema);
    this.names = names;
    this.arguments = arguments;
    this.result = result;
    this.limits = limits;
  }

  /**
   * Derives the schemas and codecs of a method.
   *
   * @throws NotTransferableException for the first receiver, parameter or result type that is not a
   *     value
   */
  static CompiledMethodCodec build(Method method, ClassLoader programLoader, DecodeLimits limits) {
    return build(method, !Modifier.isStatic(method.getModifiers()), programLoader, limits);
  }

  /**
   * Derives the schemas and codecs of a method or constructor, with or without its receiver: a
   * remote object's methods travel without it (the object stays on its worker), a constructor has
   * none.
   */
  static CompiledMethodCodec build(
      Executable method, boolean withReceiver, ClassLoader programLoader, DecodeLimits limits) {
    String id = TypeMapper.methodId(method);
    Class<?> owner = method.getDeclaringClass();
    String pkg = owner.getPackageName();
    String ns = AvroNames.namespace(pkg);
    String simple = pkg.isEmpty() ? owner.getName() : owner.getName().substring(pkg.length() + 1);
    String name = method instanceof Constructor ? "new" : method.getName();
    String recordName =
        AvroNames.mangle(simple + "_" + name + (withReceiver == isStatic(method) ? "_object" : ""));

    List<String> names = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    Parameter[] params = method.getParameters();
    Set<String> paramNames = new HashSet<>();
    for (int i = 0; i < params.length; i++) {
      String n = params[i].isNamePresent() ? AvroNames.mangle(params[i].getName()) : "arg" + i;
      paramNames.add(n);
      names.add(n);
      types.add(params[i].getParameterizedType());
    }
    if (withReceiver) {
      String receiver = "receiver";
      while (paramNames.contains(receiver)) {
        receiver += "_";
      }
      names.add(0, receiver);
      types.add(0, owner);
    }

    TypeMapper mapper = new TypeMapper(programLoader, id);
    List<Schema.Field> fields = new ArrayList<>();
    ValueCodec[] codecs = new ValueCodec[names.size()];
    for (int i = 0; i < codecs.length; i++) {
      String label = i == 0 && names.size() > params.length ? "receiver" : names.get(i);
      TypeMapper.Mapped m = mapper.mapParameter(label, types.get(i));
      fields.add(new Schema.Field(names.get(i), m.schema()));
      codecs[i] = m.codec();
    }
    Schema args = Schema.createRecord(recordName, null, join("farcall.call", ns), false, fields);
    args.addProp(LogicalTypes.CLASS_PROP, id);

    ValueCodec resultCodec = null;
    List<Schema.Field> resultFields = new ArrayList<>();
    // A constructor's result is the object, which stays where it was made: nothing comes back.
    if (method instanceof Method returning && returning.getReturnType() != void.class) {
      TypeMapper.Mapped m = mapper.mapParameter("result", returning.getGenericReturnType());
      resultFields.add(new Schema.Field("value", m.schema()));
      resultCodec = m.codec();
    }
    Schema res =
        Schema.createRecord(recordName, null, join("farcall.result", ns), false, resultFields);
    res.addProp(LogicalTypes.CLASS_PROP, id);
    return new CompiledMethodCodec(
        method, args, res, names.toArray(String[]::new), codecs, resultCodec, limits);
  }

  private static boolean isStatic(Executable e) {
    return e instanceof Constructor || Modifier.isStatic(e.getModifiers());
  }

  private static String join(String prefix, String ns) {
    return ns.isEmpty() ? prefix : prefix + "." + ns;
  }

  @Override
  public Executable method() {
    return method;
  }

  @Override
  public Schema argumentSchema() {
    return argumentSchema;
  }

  @Override
  public Schema resultSchema() {
    return resultSchema;
  }

  @Override
  public long argumentFingerprint() {
    return fingerprint;
  }

  @Override
  public byte[] encodeArguments(Object[] values) {
    if (values == null ? arguments.length != 0 : values.length != arguments.length) {
      throw new IllegalArgumentException(
          methodId
              + " takes "
              + arguments.length
              + " values (receiver first for an instance"
              + " method), got "
              + (values == null ? 0 : values.length));
    }
    AvroOut out = AvroOut.acquire(limits.maxDepth());
    int i = 0;
    try {
      for (; i < arguments.length; i++) {
        arguments[i].write(values[i], out);
      }
      return out.toByteArray();
    } catch (ValueRefusedException e) {
      throw new NotTransferableException(methodId, label(i), e.type, e.reason);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          methodId + ": " + label(i) + " does not match its declared type: " + e.getMessage(), e);
    } finally {
      out.release();
    }
  }

  private String label(int i) {
    return i == 0 && names.length > method.getParameterCount() ? "receiver" : names[i];
  }

  @Override
  public Object[] decodeArguments(byte[] payload, long fingerprint) {
    if (fingerprint != this.fingerprint) {
      throw new PayloadException(
          String.format(
              "%s: schema fingerprint mismatch: payload %016x, this side %016x (different class"
                  + " versions?)",
              methodId, fingerprint, this.fingerprint));
    }
    AvroIn in = new AvroIn(payload, limits);
    Object[] values = new Object[arguments.length];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = arguments[i].read(in);
      }
    } catch (PayloadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PayloadException(methodId + ": malformed arguments: " + e, e);
    }
    in.requireEnd();
    return values;
  }

  @Override
  public byte[] encodeResult(Object value) {
    return encodeResult(value, Integer.MAX_VALUE);
  }

  @Override
  public byte[] encodeResult(Object value, int maxBytes) {
    if (result == null) {
      return new byte[0];
    }
    AvroOut out = AvroOut.acquire(limits.maxDepth(), maxBytes);
    try {
      result.write(value, out);
      return out.toByteArray();
    } catch (ValueRefusedException e) {
      throw new NotTransferableException(methodId, "result", e.type, e.reason);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          methodId + ": result does not match the declared type: " + e.getMessage(), e);
    } finally {
      out.release();
    }
  }

  @Override
  public Object decodeResult(byte[] payload) {
    AvroIn in = new AvroIn(payload, limits);
    Object value;
    try {
      value = result == null ? null : result.read(in);
    } catch (PayloadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PayloadException(methodId + ": malformed result: " + e, e);
    }
    in.requireEnd();
    return value;
  }

  @Override
  public String toString() {
    return "MethodCodec[" + methodId + "]";
  }
}
