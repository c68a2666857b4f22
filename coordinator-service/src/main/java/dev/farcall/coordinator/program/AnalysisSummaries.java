package dev.farcall.coordinator.program;

import java.util.Optional;

/** Where the program API finds the analysis summary it shows; implemented by the analysis. */
public interface AnalysisSummaries {

  /** The summary of the program's analysis, if it has one. */
  Optional<AnalysisSummary> summaryOf(String programId);
}
