package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The program to invoke is not stored. */
final class ProgramNotFoundException extends FarcallException {

  private final String programId;

  ProgramNotFoundException(String programId) {
    super("no program with id " + programId);
    this.programId = programId;
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
