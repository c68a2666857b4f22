package dev.farcall.model.codec;

/**
 * A method's signature (or a value at run time) cannot cross the wire by value. It names the
 * method, the parameter (or {@code "result"} / {@code "receiver"}) and the offending type, so the
 * analysis and the REST API can explain the decision.
 */
public class NotTransferableException extends RuntimeException {

  private final String method;
  private final String parameter;
  private final String type;
  private final String reason;

  public NotTransferableException(String method, String parameter, String type, String reason) {
    super(method + ": " + parameter + " of type " + type + " is not transferable: " + reason);
    this.method = method;
    this.parameter = parameter;
    this.type = type;
    this.reason = reason;
  }

  /** The method, as {@code owner#name(descriptor)} or a readable signature. */
  public String method() {
    return method;
  }

  /** The parameter's name or position, {@code "result"}, or {@code "receiver"}. */
  public String parameter() {
    return parameter;
  }

  /** The type that cannot be transferred (possibly nested inside the parameter's type). */
  public String type() {
    return type;
  }

  /** Why the type cannot be transferred. */
  public String reason() {
    return reason;
  }
}
