package dev.farcall.worker.invoke;

import dev.farcall.model.codec.MethodCodec;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Executable;

/**
 * A resolved method of a program, ready to call: a spread invoker taking all arguments (receiver
 * first for an instance method) as one array, and the codec of its arguments and result.
 *
 * @param method the reflected method (or a remote object's constructor)
 * @param invoker {@code (Object[])Object}
 * @param codec encodes and decodes its arguments and result
 */
public record InvocableMethod(Executable method, MethodHandle invoker, MethodCodec codec) {

  /** Calls the method; whatever it throws propagates unchanged. */
  public Object invoke(Object[] arguments) throws Throwable {
    return (Object) invoker.invokeExact(arguments);
  }
}
