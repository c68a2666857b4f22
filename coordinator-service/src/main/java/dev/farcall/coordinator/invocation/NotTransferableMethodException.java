package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import dev.farcall.model.codec.NotTransferableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The method's signature cannot cross the wire by value, so it cannot run on a worker. */
final class NotTransferableMethodException extends FarcallException {

  private final String programId;
  private final NotTransferableException reason;

  NotTransferableMethodException(String programId, NotTransferableException reason) {
    super(reason.getMessage(), reason);
    this.programId = programId;
    this.reason = reason;
  }

  /** The parameter ({@code receiver}, {@code result} or a parameter's name) that is refused. */
  String parameter() {
    return reason.parameter();
  }

  /** The type that is refused. */
  String type() {
    return reason.type();
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "not-transferable";
  }

  @Override
  public String title() {
    return "Not transferable";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("programId", programId);
    p.put("method", reason.method());
    p.put("parameter", reason.parameter());
    p.put("parameterType", reason.type()); // "type" is the problem's own member
    p.put("reason", reason.reason());
    return p;
  }
}
