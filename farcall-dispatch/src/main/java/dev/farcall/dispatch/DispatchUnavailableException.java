package dev.farcall.dispatch;

/** A call could not be sent (Kafka refused it) or the dispatcher is not running. */
public class DispatchUnavailableException extends DispatchException {

  public DispatchUnavailableException(String invocationId, String message, Throwable cause) {
    super(invocationId, message, cause);
  }
}
