package dev.farcall.coordinator.security;

import java.util.Optional;

/**
 * Tells which run a presented run credential belongs to. Implemented by the runs feature, which
 * issues the credentials; security only asks.
 */
public interface RunTokenVerifier {

  /** The grant of {@code token}, if it is the credential of a run that has not ended. */
  Optional<RunGrant> verify(String token);
}
