package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The program has no such class, no public method of that name, or no overload with the given
 * parameter types.
 */
final class MethodNotFoundException extends FarcallException {

  private final String programId;
  private final String className;
  private final String methodName;
  private final List<String> candidates;

  MethodNotFoundException(
      String programId, String className, String methodName, String why, List<String> candidates) {
    super(why);
    this.programId = programId;
    this.className = className;
    this.methodName = methodName;
    this.candidates = List.copyOf(candidates);
  }

  /** Public methods of that name that exist (empty when none does). */
  List<String> candidates() {
    return candidates;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }

  @Override
  public String problemType() {
    return "method-not-found";
  }

  @Override
  public String title() {
    return "Method not found";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("programId", programId);
    p.put("className", className);
    p.put("methodName", methodName);
    p.put("candidates", candidates);
    return p;
  }
}
