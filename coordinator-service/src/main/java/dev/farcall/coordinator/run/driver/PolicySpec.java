package dev.farcall.coordinator.run.driver;

import java.util.Map;

/**
 * The adaptive policy a run's driver runs, with its validated tunables as text (the driver reads
 * each by its declared type).
 */
public record PolicySpec(String name, Map<String, String> tunables) {

  public PolicySpec {
    tunables = Map.copyOf(tunables);
  }
}
