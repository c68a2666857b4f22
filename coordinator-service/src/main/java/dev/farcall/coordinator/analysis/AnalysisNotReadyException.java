package dev.farcall.coordinator.analysis;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The program's analysis is not DONE yet, or FAILED (409, {@code analysis-not-ready}). */
public class AnalysisNotReadyException extends FarcallException {

  private final String programId;
  private final AnalysisStatus status;

  /**
   * @param programId the program
   * @param status where its analysis is
   */
  public AnalysisNotReadyException(String programId, AnalysisStatus status) {
    super(
        "The analysis of program '"
            + programId
            + "' is "
            + status
            + (status == AnalysisStatus.FAILED
                ? "; see its analysis for the error"
                : "; try again when it is DONE"));
    this.programId = programId;
    this.status = status;
  }

  /** The program. */
  public String programId() {
    return programId;
  }

  /** Where its analysis is. */
  public AnalysisStatus analysisStatus() {
    return status;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.CONFLICT;
  }

  @Override
  public String problemType() {
    return "analysis-not-ready";
  }

  @Override
  public String title() {
    return "Analysis not ready";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("programId", programId, "analysisStatus", status.name());
  }
}
