package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A run was asked for a program that is not stored. */
public class RunProgramNotFoundException extends FarcallException {

  private final String programId;

  RunProgramNotFoundException(String programId) {
    super("No program with id " + programId);
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
