package dev.farcall.driver;

/**
 * The driver could not start the program (its jar, its main class): the run fails with this
 * message, which the coordinator reads from the driver's error file, never from the program's
 * output.
 */
final class DriverFailure extends RuntimeException {

  DriverFailure(String message) {
    super(message);
  }

  DriverFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
