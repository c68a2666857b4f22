package dev.farcall.model.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one place that decides whether a method's signature can cross the wire and builds its {@link
 * MethodCodec}. One instance per program class loader; codecs are built once per method and cached.
 * The analysis asks {@link #checkTransferable(Method)}; the dispatcher and workers use {@link
 * #forMethod(Method)}. Classes are inspected through reflection on their generic signatures and are
 * never initialised by the codec.
 *
 * <p>Type mapping (references are always the union {@code ["null", T]}):
 *
 * <ul>
 *   <li>{@code boolean}, {@code int}, {@code long}, {@code float}, {@code double} and boxes → the
 *       Avro primitive; {@code byte}, {@code short}, {@code char} → {@code int} tagged {@code
 *       farcall.type};
 *   <li>{@code String} → {@code string}; {@code UUID}, {@code BigDecimal}, {@code BigInteger} and
 *       the common {@code java.time} types → {@code string} in their {@code toString} form, tagged
 *       with the class name in {@code farcall.type};
 *   <li>enums → Avro enum (constant names in ordinal order);
 *   <li>{@code byte[]} → {@code bytes}; other arrays, {@code List}, {@code Set} and their supported
 *       implementations → {@code array}; maps (any key type) → {@code array} of {@code {key,
 *       value}} records, tagged {@code farcall.type: map};
 *   <li>records and POJOs → Avro records named after the class, fields in declaration order.
 * </ul>
 *
 * <p>Refused: {@code Object}, interfaces and abstract classes other than the collection interfaces,
 * functional interfaces, threads, streams, I/O resources, files and paths, {@code Class}/{@code
 * ClassLoader}, {@code Optional} (use a nullable reference), other JDK classes, classes from other
 * loaders, inner classes, POJOs without a no-arg constructor, raw types, unbounded or {@code super}
 * wildcards and unbound type variables. At run time: cyclic graphs, nesting over the depth limit,
 * values of a subclass of a declared concrete class, and sorted collections with a custom
 * comparator.
 */
public final class ArgumentCodec {

  private final ClassLoader programLoader;
  private final DecodeLimits limits;
  private final ConcurrentHashMap<Method, Object> codecs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Executable, Object> objectCodecs = new ConcurrentHashMap<>();

  /**
   * @param programLoader loads the program's classes; only its classes and the JDK value types are
   *     trusted for decoding
   */
  public ArgumentCodec(ClassLoader programLoader) {
    this(programLoader, DecodeLimits.DEFAULTS);
  }

  /**
   * @param programLoader loads the program's classes; only its classes and the JDK value types are
   *     trusted for decoding
   * @param limits caps for decoding untrusted payloads (the depth cap also applies to encoding)
   */
  public ArgumentCodec(ClassLoader programLoader, DecodeLimits limits) {
    this.programLoader = Objects.requireNonNull(programLoader, "programLoader");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The codec of a method, built on first use and cached.
   *
   * @throws NotTransferableException if a parameter, the receiver of an instance method, or the
   *     result cannot be transferred by value
   */
  public MethodCodec forMethod(Method method) {
    // A refusal is cached too: the analysis asks about the same methods again and again.
    Object codec = codecs.computeIfAbsent(method, this::build);
    if (codec instanceof NotTransferableException e) {
      throw new NotTransferableException(e.method(), e.parameter(), e.type(), e.reason());
    }
    return (MethodCodec) codec;
  }

  /**
   * The codec of a remote object's method: its arguments without the receiver (the object stays on
   * its worker), built on first use and cached.
   *
   * @throws NotTransferableException if a parameter or the result cannot be transferred by value
   */
  public MethodCodec forObjectMethod(Method method) {
    return cached(
        objectCodecs, method, m -> CompiledMethodCodec.build(m, false, programLoader, limits));
  }

  /**
   * The codec of a remote object's constructor: its arguments (the object it makes stays on the
   * worker, so its result is empty).
   *
   * @throws NotTransferableException if a parameter cannot be transferred by value
   */
  public MethodCodec forConstructor(Constructor<?> constructor) {
    return cached(
        objectCodecs, constructor, c -> CompiledMethodCodec.build(c, false, programLoader, limits));
  }

  private static <E extends Executable> MethodCodec cached(
      ConcurrentHashMap<Executable, Object> cache, E key, Function<E, MethodCodec> build) {
    Object codec =
        cache.computeIfAbsent(
            key,
            k -> {
              try {
                return build.apply(key);
              } catch (NotTransferableException e) {
                return e;
              }
            });
    if (codec instanceof NotTransferableException e) {
      throw new NotTransferableException(e.method(), e.parameter(), e.type(), e.reason());
    }
    return (MethodCodec) codec;
  }

  private Object build(Method method) {
    try {
      return CompiledMethodCodec.build(method, programLoader, limits);
    } catch (NotTransferableException e) {
      return e;
    }
  }

  /**
   * Checks that a method's receiver (for an instance method), parameters and result are
   * transferable by value.
   *
   * @throws NotTransferableException naming the first offending parameter and type
   */
  public void checkTransferable(Method method) {
    forMethod(method);
  }
}
