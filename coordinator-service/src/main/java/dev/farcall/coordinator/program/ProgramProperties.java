package dev.farcall.coordinator.program;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits applied to uploaded jars before anything is stored. They bound the work and disk space a
 * single upload can cost, whatever its headers claim (zip bombs). Nested jars ({@code
 * BOOT-INF/lib/*.jar}) count toward the same limits.
 */
@ConfigurationProperties("farcall.programs")
public class ProgramProperties {

  /** Default {@link #maxJarSize}. */
  public static final DataSize DEFAULT_MAX_JAR_SIZE = DataSize.ofMegabytes(256);

  /** Default {@link #maxEntries}. */
  public static final int DEFAULT_MAX_ENTRIES = 65_536;

  /** Default {@link #maxUncompressedSize}. */
  public static final DataSize DEFAULT_MAX_UNCOMPRESSED_SIZE = DataSize.ofGigabytes(1);

  /** Default {@link #maxCompressionRatio}. */
  public static final int DEFAULT_MAX_COMPRESSION_RATIO = 200;

  /** Default {@link #compressionRatioThreshold}. */
  public static final DataSize DEFAULT_COMPRESSION_RATIO_THRESHOLD = DataSize.ofMegabytes(1);

  /** Default {@link #maxNestedJarDepth}. */
  public static final int DEFAULT_MAX_NESTED_JAR_DEPTH = 2;

  /**
   * Largest jar accepted by {@code POST /api/v1/programs}. Also sets the servlet's multipart limits
   * (the request may be this plus 1 MiB for the other form fields).
   */
  private DataSize maxJarSize = DEFAULT_MAX_JAR_SIZE;

  /** Most entries (files and directories, nested jars' entries included) a jar may hold. */
  private int maxEntries = DEFAULT_MAX_ENTRIES;

  /**
   * Most bytes all entries of a jar (nested jars' entries included) may decompress to. Counted on
   * the actual decompressed bytes, never on sizes the archive declares.
   */
  private DataSize maxUncompressedSize = DEFAULT_MAX_UNCOMPRESSED_SIZE;

  /**
   * Highest ratio of decompressed to compressed size allowed for one entry larger than {@link
   * #compressionRatioThreshold}; e.g. 200 means 200:1.
   */
  private int maxCompressionRatio = DEFAULT_MAX_COMPRESSION_RATIO;

  /** Entries that decompress to at most this many bytes are exempt from the ratio check. */
  private DataSize compressionRatioThreshold = DEFAULT_COMPRESSION_RATIO_THRESHOLD;

  /**
   * How deep jars inside jars are opened and counted; deeper ones count only as their own bytes.
   */
  private int maxNestedJarDepth = DEFAULT_MAX_NESTED_JAR_DEPTH;

  public DataSize getMaxJarSize() {
    return maxJarSize;
  }

  public void setMaxJarSize(DataSize maxJarSize) {
    this.maxJarSize = maxJarSize;
  }

  public int getMaxEntries() {
    return maxEntries;
  }

  public void setMaxEntries(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  public DataSize getMaxUncompressedSize() {
    return maxUncompressedSize;
  }

  public void setMaxUncompressedSize(DataSize maxUncompressedSize) {
    this.maxUncompressedSize = maxUncompressedSize;
  }

  public int getMaxCompressionRatio() {
    return maxCompressionRatio;
  }

  public void setMaxCompressionRatio(int maxCompressionRatio) {
    this.maxCompressionRatio = maxCompressionRatio;
  }

  public DataSize getCompressionRatioThreshold() {
    return compressionRatioThreshold;
  }

  public void setCompressionRatioThreshold(DataSize compressionRatioThreshold) {
    this.compressionRatioThreshold = compressionRatioThreshold;
  }

  public int getMaxNestedJarDepth() {
    return maxNestedJarDepth;
  }

  public void setMaxNestedJarDepth(int maxNestedJarDepth) {
    this.maxNestedJarDepth = maxNestedJarDepth;
  }
}
