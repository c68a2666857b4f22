package dev.farcall.driver.objects;

import dev.farcall.api.RemoteRef;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.api.spi.MethodReferences;
import dev.farcall.dispatch.DeadlineExceededException;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.driver.sites.RemoteExceptions;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A run's handle of a remote object: each call's arguments are encoded on the caller's thread and
 * sent at once through the dispatch core (so each thread's calls leave in its order), and the
 * worker's answer comes back as the method's value or as exactly the exception it threw.
 */
final class DriverRemoteRef<T> implements RemoteRef<T> {

  private final RemoteObject object;
  private final Class<?> type;
  private final ClassLoader loader;
  private final ArgumentCodec codec;
  private final Map<Class<?>, Resolved> methods = new ConcurrentHashMap<>();

  /** A method reference's method, its wire name and its codec. */
  private record Resolved(MethodRef ref, MethodId id, MethodCodec codec) {}

  DriverRemoteRef(RemoteObject object, Class<?> type, ClassLoader loader, ArgumentCodec codec) {
    this.object = object;
    this.type = type;
    this.loader = loader;
    this.codec = codec;
  }

  @Override
  public String id() {
    return object.id();
  }

  @Override
  public <R> CompletableFuture<R> call(Method0<T, R> method) {
    return send(method);
  }

  @Override
  public <A, R> CompletableFuture<R> call(Method1<T, A, R> method, A a) {
    return send(method, a);
  }

  @Override
  public <A, B, R> CompletableFuture<R> call(Method2<T, A, B, R> method, A a, B b) {
    return send(method, a, b);
  }

  @Override
  public <A> CompletableFuture<Void> run(Procedure1<T, A> method, A a) {
    return send(method, a);
  }

  @Override
  public void close() {
    object.close();
  }

  private <R> CompletableFuture<R> send(Serializable reference, Object... arguments) {
    // one lambda class per reference site: resolve it once
    Resolved m = methods.computeIfAbsent(reference.getClass(), k -> resolve(reference));
    byte[] payload;
    try {
      payload = m.codec().encodeArguments(arguments);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return object
        .call(m.ref(), m.codec().argumentFingerprint(), payload)
        .handle((outcome, error) -> this.<R>answer(m, outcome, error));
  }

  @SuppressWarnings("unchecked")
  private <R> R answer(Resolved m, InvocationOutcome outcome, Throwable error) {
    if (error != null) {
      Throwable e = error instanceof CompletionException c ? c.getCause() : error;
      if (e instanceof DeadlineExceededException) {
        throw new CompletionException(
            new TimeoutException("remote object " + id() + " did not answer in time: " + e));
      }
      throw new CompletionException(e);
    }
    Object result = outcome.result().getOutcome();
    if (result instanceof ReturnedValue value) {
      ByteBuffer b = value.getPayload().duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return (R) m.codec().decodeResult(bytes);
    }
    if (result instanceof ThrownException thrown) {
      throw new CompletionException(RemoteExceptions.rebuild(thrown, loader, m.id()));
    }
    InvocationError failed = (InvocationError) result;
    throw new CompletionException(
        new IllegalStateException(
            "remote object "
                + id()
                + " could not run "
                + m.id().methodName()
                + ": "
                + failed.getCode()
                + ": "
                + failed.getMessage()));
  }

  private Resolved resolve(Serializable reference) {
    AsyncTarget target =
        MethodReferences.target(reference)
            .orElseThrow(() -> new IllegalArgumentException("not a method reference"));
    if (target.isStatic()
        || MethodReferences.serializedForm(reference).orElseThrow().getCapturedArgCount() > 0) {
      throw new IllegalArgumentException(
          "a remote object is called with an unbound reference to one of its methods"
              + " (Type::method), not "
              + target.ownerClass()
              + "::"
              + target.methodName());
    }
    Class<?> owner;
    try {
      owner = Class.forName(target.ownerClass(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("unknown class " + target.ownerClass(), e);
    }
    if (!owner.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          target.ownerClass() + "::" + target.methodName() + " is not a method of " + type);
    }
    Method method =
        MethodDescriptors.find(owner, target.methodName(), target.descriptor())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        owner.getName() + " declares no " + target.methodName()));
    return new Resolved(
        new MethodRef(owner.getName(), method.getName(), target.descriptor()),
        new MethodId(owner.getName(), method.getName(), target.descriptor()),
        codec.forObjectMethod(method));
  }
}
