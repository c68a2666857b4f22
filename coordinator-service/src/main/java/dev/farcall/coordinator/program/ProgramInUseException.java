package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A program cannot be deleted while runs of it are active. */
public class ProgramInUseException extends FarcallException {

  private final String programId;

  public ProgramInUseException(String programId) {
    super("program " + programId + " has active runs; cancel them or wait for them to end");
    this.programId = programId;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.CONFLICT;
  }

  @Override
  public String problemType() {
    return "program-in-use";
  }

  @Override
  public String title() {
    return "Program in use";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("programId", programId);
  }
}
