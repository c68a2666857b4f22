package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Several overloads take the given number of arguments and no parameter types chose one. */
final class AmbiguousMethodException extends FarcallException {

  private final String programId;
  private final String className;
  private final String methodName;
  private final int arguments;
  private final List<String> candidates;

  AmbiguousMethodException(
      String programId,
      String className,
      String methodName,
      int arguments,
      List<String> candidates) {
    super(
        className
            + "#"
            + methodName
            + " has "
            + candidates.size()
            + " overloads taking "
            + arguments
            + " argument(s); give parameterTypes to choose one of "
            + candidates);
    this.programId = programId;
    this.className = className;
    this.methodName = methodName;
    this.arguments = arguments;
    this.candidates = List.copyOf(candidates);
  }

  /** The overloads that match. */
  List<String> candidates() {
    return candidates;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "ambiguous-method";
  }

  @Override
  public String title() {
    return "Ambiguous method";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("programId", programId);
    p.put("className", className);
    p.put("methodName", methodName);
    p.put("arguments", arguments);
    p.put("candidates", candidates);
    return p;
  }
}
