package dev.farcall.worker.jar;

/**
 * A program's jar could not be obtained: the coordinator failed, refused it, or sent other bytes.
 */
public class JarUnavailableException extends RuntimeException {

  private final String programId;

  public JarUnavailableException(String programId, String message, Throwable cause) {
    super("jar of program " + programId + " unavailable: " + message, cause);
    this.programId = programId;
  }

  /** The program whose jar was asked for. */
  public String programId() {
    return programId;
  }
}
