package dev.farcall.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method (or every method of a type) free of effects, so Farcall trusts it as movable
 * even where analysis cannot see inside it, for example a native method the programmer knows is
 * pure. The declaration is shown as the reason wherever it decides.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface Pure {
  /** Why the programmer knows this is pure; shown next to the decision. */
  String value() default "";
}
