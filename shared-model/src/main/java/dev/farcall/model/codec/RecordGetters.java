package dev.farcall.model.codec;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Makes a record component's accessor into a JDK functional interface through {@link
 * LambdaMetafactory}. The generated class calls the accessor directly, so reading a component costs
 * one interface call, where a method handle held in a field (not a constant) went through the
 * invoker and its customisation check on every call: that was most of the encoding time.
 */
final class RecordGetters {

  private RecordGetters() {}

  /**
   * A {@link Predicate} for boolean, {@link ToIntFunction} for the int-like kinds, {@link
   * ToLongFunction}, {@link ToDoubleFunction} for double, and a {@link Function} for everything
   * else (references and, boxed, float, so no float passes through a double).
   */
  static Object getter(RecordComponent component, Prim prim) {
    Class<?> record = component.getDeclaringRecord();
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
      MethodHandle accessor = lookup.unreflect(component.getAccessor());
      Class<?> fn;
      String name;
      Class<?> returns;
      if (prim == Prim.BOOLEAN) {
        fn = Predicate.class;
        name = "test";
        returns = boolean.class;
      } else if (prim != null && prim.handleType() == int.class) {
        fn = ToIntFunction.class;
        name = "applyAsInt";
        returns = int.class;
      } else if (prim == Prim.LONG) {
        fn = ToLongFunction.class;
        name = "applyAsLong";
        returns = long.class;
      } else if (prim == Prim.DOUBLE) {
        fn = ToDoubleFunction.class;
        name = "applyAsDouble";
        returns = double.class;
      } else {
        fn = Function.class;
        name = "apply";
        returns = Object.class;
      }
      Class<?> instantiatedReturn = returns == Object.class ? boxed(component.getType()) : returns;
      try {
        return LambdaMetafactory.metafactory(
                lookup,
                name,
                MethodType.methodType(fn),
                MethodType.methodType(returns, Object.class),
                accessor,
                MethodType.methodType(instantiatedReturn, record))
            .getTarget()
            .invoke();
      } catch (LambdaConversionException notFullPrivilege) {
        // A record of an uploaded program lives in its own loader's unnamed module: the lookup we
        // can get there lacks the full privilege LambdaMetafactory requires, so call the accessor
        // through its method handle instead (slower per call, same result).
        return handleGetter(fn, accessor.asType(MethodType.methodType(returns, Object.class)));
      }
    } catch (Throwable e) {
      throw new IllegalStateException("cannot access record component " + component, e);
    }
  }

  private static Object handleGetter(Class<?> fn, MethodHandle h) {
    if (fn == Predicate.class) {
      return (Predicate<Object>) o -> (boolean) invoke(h, o);
    } else if (fn == ToIntFunction.class) {
      return (ToIntFunction<Object>) o -> (int) invoke(h, o);
    } else if (fn == ToLongFunction.class) {
      return (ToLongFunction<Object>) o -> (long) invoke(h, o);
    } else if (fn == ToDoubleFunction.class) {
      return (ToDoubleFunction<Object>) o -> (double) invoke(h, o);
    }
    return (Function<Object, Object>) o -> invoke(h, o);
  }

  private static Object invoke(MethodHandle h, Object record) {
    try {
      return h.invoke(record);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("record accessor failed: " + e, e);
    }
  }

  private static Class<?> boxed(Class<?> type) {
    Prim p = Prim.ofType(type);
    return p == null ? type : p.box;
  }
}
