package dev.farcall.coordinator.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro load the generated wire record classes ({@code dev.farcall.model.wire}). Avro 1.12's
 * {@link ClassSecurityValidator} refuses every class it was not told to trust, including the
 * generated classes {@code WireFormat}'s specific readers and writers look up by name, so without
 * this {@code WireFormat} cannot even be initialised. Only that one package is added to whatever is
 * already trusted; nothing else is widened.
 *
 * <p>Workaround until {@code shared-model} trusts its own wire classes; then this can go.
 */
public final class WireClasses {

  private static final String WIRE_PACKAGE = "dev.farcall.model.wire";
  private static final AtomicBoolean trusted = new AtomicBoolean();

  private WireClasses() {}

  /** Adds the wire package to Avro's trusted classes; idempotent. Call before using WireFormat. */
  public static void trust() {
    if (trusted.compareAndSet(false, true)) {
      ClassSecurityPredicate wire = type -> WIRE_PACKAGE.equals(type.getPackageName());
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), wire));
    }
  }
}
