package dev.farcall.dispatch.objects;

import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.ThrownException;
import java.util.Optional;

/**
 * A remote object could not be created: its constructor threw ({@link #thrown()}), or the worker
 * refused or could not run it ({@link #error()}).
 */
public class ObjectCreationException extends RuntimeException {

  private final transient ThrownException thrown;
  private final transient InvocationError error;

  public ObjectCreationException(String message, ThrownException thrown, InvocationError error) {
    super(message);
    this.thrown = thrown;
    this.error = error;
  }

  /** What the constructor threw, when it threw. */
  public Optional<ThrownException> thrown() {
    return Optional.ofNullable(thrown);
  }

  /** Why the worker did not create it, when it did not run the constructor. */
  public Optional<InvocationError> error() {
    return Optional.ofNullable(error);
  }
}
