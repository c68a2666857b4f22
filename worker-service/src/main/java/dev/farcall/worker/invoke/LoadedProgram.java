package dev.farcall.worker.invoke;

import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.NotTransferableException;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.MethodRef;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One program loaded in its own class loader, with its codec and the methods resolved so far. The
 * jar is immutable (named by its SHA-256), so resolutions are cached for the loader's lifetime.
 */
public final class LoadedProgram {

  private final String sha256;
  private final ProgramClassLoader loader;
  private final ArgumentCodec codec;
  private final ConcurrentHashMap<MethodKey, InvocableMethod> methods = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MethodKey, InvocableMethod> objectMethods =
      new ConcurrentHashMap<>();

  LoadedProgram(String sha256, ProgramClassLoader loader, ArgumentCodec codec) {
    this.sha256 = sha256;
    this.loader = loader;
    this.codec = codec;
  }

  /** SHA-256 of the program's jar. */
  public String sha256() {
    return sha256;
  }

  /** The program's class loader. */
  public ClassLoader loader() {
    return loader;
  }

  /**
   * The method named exactly by {@code ref} (declared by its owner class, not inherited).
   *
   * @throws InvocationFailure CLASS_NOT_FOUND, METHOD_NOT_FOUND or NOT_TRANSFERABLE
   */
  public InvocableMethod method(MethodRef ref) {
    MethodKey key = new MethodKey(ref.getOwnerClass(), ref.getName(), ref.getDescriptor());
    InvocableMethod known = methods.get(key);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: resolving loads classes and may take a while; a rare double
    // resolution is harmless.
    InvocableMethod resolved = resolve(key);
    InvocableMethod raced = methods.putIfAbsent(key, resolved);
    return raced != null ? raced : resolved;
  }

  /**
   * A remote object's method named by {@code ref}: its codec carries the arguments without the
   * receiver (the object stays here); the invoker still takes the receiver first.
   *
   * @throws InvocationFailure CLASS_NOT_FOUND, METHOD_NOT_FOUND or NOT_TRANSFERABLE
   */
  public InvocableMethod objectMethod(MethodRef ref) {
    MethodKey key = new MethodKey(ref.getOwnerClass(), ref.getName(), ref.getDescriptor());
    return objectMethods.computeIfAbsent(
        key,
        k -> {
          InvocableMethod m = resolveWith(k, codec::forObjectMethod);
          return m;
        });
  }

  /**
   * The constructor of a remote object's class named by {@code ref} ({@code <init>} and its
   * descriptor); its invoker returns the new object.
   *
   * @throws InvocationFailure CLASS_NOT_FOUND, METHOD_NOT_FOUND or NOT_TRANSFERABLE
   */
  public InvocableMethod constructor(MethodRef ref) {
    MethodKey key = new MethodKey(ref.getOwnerClass(), ref.getName(), ref.getDescriptor());
    return objectMethods.computeIfAbsent(key, this::resolveConstructor);
  }

  private InvocableMethod resolveConstructor(MethodKey key) {
    Class<?> owner = ownerOf(key);
    Constructor<?> constructor =
        MethodDescriptors.findConstructor(owner, key.descriptor())
            .orElseThrow(
                () ->
                    new InvocationFailure(
                        ErrorCode.METHOD_NOT_FOUND,
                        key.owner() + " declares no constructor " + key.descriptor()));
    MethodCodec methodCodec;
    try {
      methodCodec = codec.forConstructor(constructor);
    } catch (NotTransferableException e) {
      throw new InvocationFailure(ErrorCode.NOT_TRANSFERABLE, e.getMessage(), e);
    } catch (LinkageError e) {
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, "a type of " + key + " cannot be loaded: " + e, e);
    }
    try {
      constructor.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor);
      MethodHandle spread =
          handle
              .asSpreader(Object[].class, handle.type().parameterCount())
              .asType(MethodType.methodType(Object.class, Object[].class));
      return new InvocableMethod(constructor, spread, methodCodec);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new InvocationFailure(
          ErrorCode.METHOD_NOT_FOUND, key + " cannot be made accessible: " + e, e);
    }
  }

  private Class<?> ownerOf(MethodKey key) {
    if (!loader.definesClass(key.owner())) {
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, key.owner() + " is not a class of program " + sha256);
    }
    try {
      return Class.forName(key.owner(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, "cannot load " + key.owner() + ": " + e, e);
    }
  }

  private InvocableMethod resolve(MethodKey key) {
    return resolveWith(key, codec::forMethod);
  }

  private InvocableMethod resolveWith(
      MethodKey key, java.util.function.Function<Method, MethodCodec> codecOf) {
    if (!loader.definesClass(key.owner())) {
      // Only the program's own classes: a request must not reach JDK methods such as System.exit.
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, key.owner() + " is not a class of program " + sha256);
    }
    Class<?> owner;
    Method method;
    try {
      owner = Class.forName(key.owner(), false, loader);
      method =
          MethodDescriptors.find(owner, key.name(), key.descriptor())
              .orElseThrow(
                  () ->
                      new InvocationFailure(
                          ErrorCode.METHOD_NOT_FOUND,
                          key.owner() + " declares no method " + key.name() + key.descriptor()));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, "cannot load " + key.owner() + ": " + e, e);
    }
    MethodCodec methodCodec;
    try {
      methodCodec = codecOf.apply(method);
    } catch (NotTransferableException e) {
      throw new InvocationFailure(ErrorCode.NOT_TRANSFERABLE, e.getMessage(), e);
    } catch (LinkageError e) {
      throw new InvocationFailure(
          ErrorCode.CLASS_NOT_FOUND, "a type of " + key + " cannot be loaded: " + e, e);
    }
    return new InvocableMethod(method, spreadInvoker(key, method), methodCodec);
  }

  private static MethodHandle spreadInvoker(MethodKey key, Method method) {
    try {
      method.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(method);
      return handle
          .asSpreader(Object[].class, handle.type().parameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (IllegalAccessException | RuntimeException e) {
      throw new InvocationFailure(
          ErrorCode.METHOD_NOT_FOUND, key + " cannot be made accessible: " + e, e);
    }
  }

  private record MethodKey(String owner, String name, String descriptor) {
    @Override
    public String toString() {
      return owner + "#" + name + descriptor;
    }
  }
}
