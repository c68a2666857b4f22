package dev.farcall.coordinator.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the coordinator as a whole. Feature areas have their own groups ({@code
 * farcall.programs}, {@code farcall.security}, {@code farcall.kafka}).
 */
@ConfigurationProperties("farcall")
public class CoordinatorProperties {

  /** Default data directory, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("./data");

  /**
   * Directory holding everything the coordinator keeps: the H2 database (unless a datasource is
   * configured), stored program jars and generated tokens.
   */
  private Path dataDir = DEFAULT_DATA_DIR;

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }
}
