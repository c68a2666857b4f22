package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No program is stored under this id (404, {@code program-not-found}). */
public class ProgramNotFoundException extends FarcallException {

  private final String programId;

  /**
   * @param programId the id that was asked for
   */
  public ProgramNotFoundException(String programId) {
    super("No program with id '" + programId + "'");
    this.programId = programId;
  }

  /** The id that was asked for. */
  public String programId() {
    return programId;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }

  @Override
  public String problemType() {
    return "program-not-found";
  }

  @Override
  public String title() {
    return "Program not found";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("programId", programId);
  }
}
