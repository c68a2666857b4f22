package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.FarcallException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The run's main class does not exist in the program or has no {@code main(String[])}. */
public class InvalidMainClassException extends FarcallException {

  private final String programId;
  private final String mainClass;

  InvalidMainClassException(String programId, String mainClass, String problem) {
    super(problem);
    this.programId = programId;
    this.mainClass = mainClass;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-main-class";
  }

  @Override
  public String title() {
    return "The program cannot be run with this main class";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> p = new HashMap<>();
    p.put("programId", programId);
    if (mainClass != null) {
      p.put("mainClass", mainClass);
    }
    return p;
  }
}
