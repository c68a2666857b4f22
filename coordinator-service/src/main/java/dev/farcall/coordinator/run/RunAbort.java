package dev.farcall.coordinator.run;

/**
 * Thrown into a program's threads to end its run: by {@code System.exit} and friends, or by
 * cancellation. An {@link Error}, so ordinary {@code catch (Exception e)} blocks let it pass; a
 * program that catches {@code Throwable} may swallow it, but the driver has already recorded the
 * end of the run and does not wait for such a thread (see {@code ProgramRun}).
 */
abstract sealed class RunAbort extends Error permits RunAbort.Exit, RunAbort.Cancelled {

  RunAbort(String message) {
    super(message, null, false, false);
  }

  /** The program asked to end with a status. */
  static final class Exit extends RunAbort {
    private final int status;

    Exit(int status) {
      super("run exited with status " + status);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** The run was cancelled or passed its deadline. */
  static final class Cancelled extends RunAbort {
    Cancelled(String reason) {
      super(reason);
    }
  }
}
