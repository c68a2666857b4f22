package dev.farcall.model.codec;

import java.lang.reflect.Method;

/**
 * The one place that decides whether a method's signature can cross the wire and builds its {@link
 * MethodCodec}. One instance per program class loader; codecs are built once per method and cached.
 * The analysis asks {@link #checkTransferable(Method)}; the dispatcher and workers use {@link
 * #forMethod(Method)}. Classes are inspected through reflection on their generic signatures and are
 * never initialised by the codec.
 */
public final class ArgumentCodec {

  /**
   * @param programLoader loads the program's classes; only its classes and the JDK value types are
   *     trusted for decoding
   */
  public ArgumentCodec(ClassLoader programLoader) {
    throw new UnsupportedOperationException("codec under construction");
  }

  /**
   * The codec of a method, built on first use and cached.
   *
   * @throws NotTransferableException if a parameter, the receiver of an instance method, or the
   *     result cannot be transferred by value
   */
  public MethodCodec forMethod(Method method) {
    throw new UnsupportedOperationException("codec under construction");
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
