package dev.farcall.coordinator.profile;

import java.util.List;

/**
 * Published by the runs when a run that started has ended, with what it measured of each method;
 * {@link ProgramProfiles} folds it into the program's profiles.
 *
 * @param programId the program
 * @param jarSha256 its content
 * @param runId the run
 * @param sites what the run measured, per dispatchable method
 */
public record RunMeasuredEvent(
    String programId, String jarSha256, String runId, List<ProgramProfiles.SiteMeasurement> sites) {

  public RunMeasuredEvent {
    sites = List.copyOf(sites);
  }
}
