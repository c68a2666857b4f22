package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;
import java.util.Optional;

/**
 * Decides whether a method's receiver (for an instance method), parameters and result can cross the
 * wire by value. The production implementation is {@link CodecTransferabilityCheck}, which asks the
 * shared-model codec; tests may substitute their own.
 */
public interface TransferabilityCheck {

  /** Prepares a check for one program; called once per analysis. */
  Session open(ProgramView program);

  /** Read-only view of the program being analysed. */
  interface ProgramView {
    /** Class bytes by internal name ({@code com/x/Y}). */
    java.util.Map<String, byte[]> classes();
  }

  /** A check bound to one program. Closed when the analysis ends. */
  interface Session extends AutoCloseable {

    /**
     * Why the method cannot be transferred, or empty if it can. "No answer" (for example the codec
     * fails unexpectedly) must be reported as a reason, never as empty.
     */
    Optional<String> whyNotTransferable(MethodId method);

    @Override
    default void close() {}
  }
}
