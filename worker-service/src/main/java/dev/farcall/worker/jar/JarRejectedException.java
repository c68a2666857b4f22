package dev.farcall.worker.jar;

/**
 * The coordinator answered, but no retry can help: it refused the request (4xx) or the jar is over
 * the size limit. Retries and the circuit breaker ignore it (see application.yml).
 */
public class JarRejectedException extends JarUnavailableException {

  public JarRejectedException(String programId, String message) {
    super(programId, message, null);
  }
}
