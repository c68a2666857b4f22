package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The problems of remote objects over REST. */
final class ObjectProblems {

  private ObjectProblems() {}

  /** No remote object with this id, or it was deleted (404, {@code object-not-found}). */
  static final class NotFound extends FarcallException {
    private final String objectId;

    NotFound(String objectId) {
      super("No remote object with id '" + objectId + "' (it may have been deleted)");
      this.objectId = objectId;
    }

    @Override
    public HttpStatus status() {
      return HttpStatus.NOT_FOUND;
    }

    @Override
    public String problemType() {
      return "object-not-found";
    }

    @Override
    public String title() {
      return "Remote object not found";
    }

    @Override
    public Map<String, Object> properties() {
      return Map.of("objectId", objectId);
    }
  }

  /**
   * The object is gone: its worker was lost, or it ran out of memory (410, {@code object-lost}).
   */
  static final class Lost extends FarcallException {
    private final String objectId;
    private final String cause;
    private final boolean stateLost;

    Lost(String objectId, String cause, boolean stateLost, String message) {
      super(message);
      this.objectId = objectId;
      this.cause = cause;
      this.stateLost = stateLost;
    }

    @Override
    public HttpStatus status() {
      return HttpStatus.GONE;
    }

    @Override
    public String problemType() {
      return "object-lost";
    }

    @Override
    public String title() {
      return "Remote object lost";
    }

    @Override
    public Map<String, Object> properties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("objectId", objectId);
      p.put("cause", cause);
      p.put("stateLost", stateLost);
      return p;
    }
  }

  /** The constructor threw (422, {@code constructor-failed}). */
  static final class ConstructorFailed extends FarcallException {
    private final String className;
    private final String exception;
    private final String exceptionMessage;

    ConstructorFailed(String className, String exception, String exceptionMessage) {
      super("The constructor of " + className + " threw " + exception + ": " + exceptionMessage);
      this.className = className;
      this.exception = exception;
      this.exceptionMessage = exceptionMessage;
    }

    @Override
    public HttpStatus status() {
      return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    @Override
    public String problemType() {
      return "constructor-failed";
    }

    @Override
    public String title() {
      return "The object's constructor threw";
    }

    @Override
    public Map<String, Object> properties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("className", className);
      p.put("exception", exception);
      if (exceptionMessage != null) {
        p.put("exceptionMessage", exceptionMessage);
      }
      return p;
    }
  }

  /**
   * The type may not live remotely: a method a handle can call (or the constructor) has I/O, global
   * writes or an exit (422, {@code object-type-refused}); nothing is created.
   */
  static final class TypeRefused extends FarcallException {
    private final String className;

    TypeRefused(String className, String reason) {
      super(reason);
      this.className = className;
    }

    @Override
    public HttpStatus status() {
      return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    @Override
    public String problemType() {
      return "object-type-refused";
    }

    @Override
    public String title() {
      return "This type cannot be a remote object";
    }

    @Override
    public Map<String, Object> properties() {
      return Map.of("className", className);
    }
  }
}
