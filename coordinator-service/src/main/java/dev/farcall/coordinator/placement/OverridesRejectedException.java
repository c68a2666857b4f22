package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;

/**
 * Overrides were rejected (422, {@code override-rejected}): a key names no method, a mode is not
 * LOCAL, REMOTE or AUTO, or REMOTE names a method that may not move. Nothing was changed.
 */
public class OverridesRejectedException extends FarcallException {

  private final Map<String, String> reasons;

  /**
   * @param programId the program
   * @param reasons override key → why it was rejected (for REMOTE: the analysis' reason)
   */
  public OverridesRejectedException(String programId, Map<String, String> reasons) {
    super("Overrides rejected for program '" + programId + "': " + new TreeMap<>(reasons));
    this.reasons = new TreeMap<>(reasons);
  }

  /** Override key → why it was rejected. */
  public Map<String, String> reasons() {
    return reasons;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "override-rejected";
  }

  @Override
  public String title() {
    return "Override rejected";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("reasons", reasons);
  }
}
