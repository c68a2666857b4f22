package dev.farcall.api.spi;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Optional;

/** Finds the method a serializable method reference points at, from its serialized form. */
public final class MethodReferences {

  private MethodReferences() {}

  /** The reference's serialized form, when it is a lambda or method reference. */
  public static Optional<SerializedLambda> serializedForm(Serializable fn) {
    try {
      Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object form = writeReplace.invoke(fn);
      return form instanceof SerializedLambda l ? Optional.of(l) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException notALambda) {
      return Optional.empty();
    }
  }

  /** The method (or constructor, named {@code <init>}) a reference points at. */
  public static Optional<AsyncTarget> target(Serializable fn) {
    return serializedForm(fn).map(MethodReferences::target);
  }

  static AsyncTarget target(SerializedLambda l) {
    return new AsyncTarget(
        l.getImplClass().replace('/', '.'),
        l.getImplMethodName(),
        l.getImplMethodSignature(),
        l.getImplMethodKind() == MethodHandleInfo.REF_invokeStatic
            || l.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial);
  }
}
