package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.DriverProcess;

/**
 * How a run ended.
 *
 * @param exitCode the status the program exited with; {@code null} when cancelled or never started
 * @param error why the run failed or was cancelled, when there is more to say than the exit code
 */
record RunOutcome(RunStatus status, Integer exitCode, String error) {

  /**
   * The outcome of a driver that exited with {@code status}.
   *
   * @param stopReason why the coordinator stopped it (cancel, deadline), or null
   * @param driverFailure why the driver could not start the program, or null
   * @param mainThrew the class of the exception main threw, or null
   */
  static RunOutcome of(int status, String stopReason, String driverFailure, String mainThrew) {
    if (stopReason != null) {
      return new RunOutcome(RunStatus.CANCELLED, null, stopReason);
    }
    if (driverFailure != null) {
      return new RunOutcome(RunStatus.FAILED, null, driverFailure);
    }
    if (status == DriverProcess.LOST) {
      return new RunOutcome(
          RunStatus.FAILED, null, "driver lost: it ended without recording an exit status");
    }
    if (status == 0) {
      return new RunOutcome(RunStatus.SUCCEEDED, 0, null);
    }
    if (mainThrew != null && status == 1) {
      return new RunOutcome(
          RunStatus.FAILED, 1, "uncaught exception in thread \"main\": " + mainThrew);
    }
    if (status > 128 && status < 160) {
      return new RunOutcome(
          RunStatus.FAILED,
          status,
          "killed by signal " + (status - 128) + " (exit status " + status + ")");
    }
    return new RunOutcome(RunStatus.FAILED, status, "exited with status " + status);
  }
}
