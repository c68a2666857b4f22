package dev.farcall.coordinator.run.driver;

import java.util.List;
import java.util.Optional;

/**
 * What bounds a driver's process from outside its JVM: the user it runs as, its resource limits and
 * the CPUs it may run on.
 *
 * @param userSwitch the prefix that switches to the run's user (empty without isolation)
 * @param maxProcesses RLIMIT_NPROC of the run
 * @param maxFileSizeBytes RLIMIT_FSIZE of the run
 * @param cpus the CPUs the run may use, as {@code taskset}'s list ({@code 0}, {@code 2-3,6}); empty
 *     for every CPU of the machine
 */
public record DriverConfinement(
    List<String> userSwitch, int maxProcesses, long maxFileSizeBytes, Optional<String> cpus) {

  public DriverConfinement {
    userSwitch = List.copyOf(userSwitch);
    cpus.ifPresent(IsolationSettings::checkCpuList);
  }
}
