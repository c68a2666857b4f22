package dev.farcall.examples.programs.exceptions;

/** The program's own checked exception, thrown by a movable method. */
public class InvalidInputException extends Exception {
  public InvalidInputException(String message) {
    super(message);
  }
}
