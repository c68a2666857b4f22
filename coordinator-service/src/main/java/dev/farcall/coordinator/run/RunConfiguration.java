package dev.farcall.coordinator.run;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wires the run driver's settings and checks the JVM is fit to host runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RunConfiguration.class);

  RunConfiguration() {
    if (!countedLoopSafepoints().orElse(true)) {
      // Serial and Parallel GC turn these polls off: a program's long int-counted loop would then
      // hold off every safepoint of the coordinator (its GC, and the deoptimisation a change of
      // placement needs) until the loop ends
      log.warn(
          "this JVM runs without -XX:+UseCountedLoopSafepoints: a run's tight loops can stall the"
              + " coordinator's garbage collection and placement changes; start it with"
              + " -XX:+UseCountedLoopSafepoints -XX:LoopStripMiningIter=1000 (./farcall local"
              + " does)");
    }
  }

  static Optional<Boolean> countedLoopSafepoints() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Optional.of(
          Boolean.parseBoolean(hotspot.getVMOption("UseCountedLoopSafepoints").getValue()));
    } catch (RuntimeException | LinkageError notHotSpot) {
      return Optional.empty();
    }
  }
}
