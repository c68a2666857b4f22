package dev.farcall.coordinator.run.driver;

import dev.farcall.coordinator.program.ProgramRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One driver to start: which run, of which program, with what, and where.
 *
 * @param deadline when the run ends at the latest (the driver never waits for a call beyond it)
 */
public record DriverLaunch(
    String runId,
    ProgramRef program,
    String mainClass,
    List<String> args,
    long maxHeapBytes,
    RunPlan plan,
    Optional<Instant> deadline,
    RunDirectory dir) {}
