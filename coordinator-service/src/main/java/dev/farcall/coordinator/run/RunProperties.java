package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.DriverSettings;
import dev.farcall.coordinator.run.driver.IsolationSettings;
import dev.farcall.coordinator.run.driver.SpecSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of runs ({@code farcall.run.*}); each run executes in a driver JVM of its own. */
@ConfigurationProperties("farcall.run")
public class RunProperties {

  static final int DEFAULT_MAX_CONCURRENT = 4;
  static final int DEFAULT_QUEUE_CAPACITY = 100;
  static final DataSize DEFAULT_OUTPUT_CAP = DataSize.ofMegabytes(1);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
  static final Duration DEFAULT_COUNT_LOCAL_CALLS_MIN_WORK = Duration.ofNanos(1_000);
  static final Duration DEFAULT_STATS_INTERVAL = Duration.ofMillis(500);

  /** How many runs execute at the same time; further runs wait in the queue (QUEUED). */
  private int maxConcurrent = DEFAULT_MAX_CONCURRENT;

  /** How many runs may wait; a start beyond that is refused with 503. */
  private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

  /** Cap of each of a run's stdout and stderr as stored; more is dropped after a visible marker. */
  private DataSize outputCap = DEFAULT_OUTPUT_CAP;

  /** How long a remote call may take before it runs at home instead. */
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

  /**
   * Whether LOCAL sites count their calls (one striped counter increment per call). Off, a LOCAL
   * call costs nothing over a direct call once compiled, and the stats show LOCAL sites' local
   * calls as not counted.
   */
  private boolean countLocalCalls = true;

  /**
   * LOCAL sites whose estimated work per call (from the placement's cost model) is below this do
   * not count their calls: for a method of a few nanoseconds the counter would cost more than the
   * call. Zero counts every site.
   */
  private Duration countLocalCallsMinWork = DEFAULT_COUNT_LOCAL_CALLS_MIN_WORK;

  /**
   * How long a cancelled run (or one past its deadline) gets after SIGTERM, which runs its shutdown
   * hooks, before its processes are killed.
   */
  private Duration stopGrace = DEFAULT_STOP_GRACE;

  /** How often a driver reports its run's stats. */
  private Duration statsInterval = DEFAULT_STATS_INTERVAL;

  /** Keep each run's directory (driver log, work directory) after it ended, for debugging. */
  private boolean keepRunDirectories = false;

  /**
   * What a coordinator that stops in an orderly way does with runs still going: {@code CANCEL} them
   * (the default), or {@code DETACH} and leave them running, to be taken over by the next
   * coordinator on the same data directory (a coordinator that dies takes over its runs anyway).
   */
  private OnShutdown onShutdown = OnShutdown.CANCEL;

  /** What happens to running runs when the coordinator stops. */
  public enum OnShutdown {
    CANCEL,
    DETACH
  }

  /** The driver JVMs. */
  private final Driver driver = new Driver();

  /** What separates a run from the coordinator and from other runs. */
  private final Isolation isolation = new Isolation();

  /** How each run's driver JVM is started. */
  public static class Driver {

    static final DataSize DEFAULT_MAX_HEAP = DataSize.ofMegabytes(512);
    static final DataSize DEFAULT_MAX_HEAP_LIMIT = DataSize.ofGigabytes(16);
    static final DataSize MIN_HEAP = DataSize.ofMegabytes(16);

    /** The {@code java} launcher; by default the one of the JVM the coordinator runs on. */
    private Path java;

    /** Extra JVM options of every driver (e.g. {@code -XX:+UseSerialGC}). */
    private List<String> jvmOptions = new ArrayList<>();

    /** Maximum heap of a run that does not ask for one ({@code maxHeapBytes} of the request). */
    private DataSize defaultMaxHeap = DEFAULT_MAX_HEAP;

    /** The largest heap a run may ask for; more is refused with 422. */
    private DataSize maxHeapLimit = DEFAULT_MAX_HEAP_LIMIT;

    /**
     * Start drivers with a class-data-sharing archive of the driver's own classes, built in the
     * background on the coordinator's first start with a given driver and JVM.
     */
    private boolean cds = true;

    /**
     * Environment variables passed from the coordinator's environment to drivers; nothing else is.
     * Locale and time zone keep a program's output as at home; secrets never pass.
     */
    private List<String> environment =
        new ArrayList<>(
            List.of(
                "PATH",
                "LANG",
                "LANGUAGE",
                "LC_ALL",
                "LC_CTYPE",
                "LC_NUMERIC",
                "LC_TIME",
                "LC_COLLATE",
                "LC_MONETARY",
                "LC_MESSAGES",
                "TZ"));

    public Path getJava() {
      return java;
    }

    public void setJava(Path java) {
      this.java = java;
    }

    public List<String> getJvmOptions() {
      return jvmOptions;
    }

    public void setJvmOptions(List<String> jvmOptions) {
      this.jvmOptions = jvmOptions;
    }

    public DataSize getDefaultMaxHeap() {
      return defaultMaxHeap;
    }

    public void setDefaultMaxHeap(DataSize defaultMaxHeap) {
      this.defaultMaxHeap = defaultMaxHeap;
    }

    public DataSize getMaxHeapLimit() {
      return maxHeapLimit;
    }

    public void setMaxHeapLimit(DataSize maxHeapLimit) {
      this.maxHeapLimit = maxHeapLimit;
    }

    public boolean isCds() {
      return cds;
    }

    public void setCds(boolean cds) {
      this.cds = cds;
    }

    public List<String> getEnvironment() {
      return environment;
    }

    public void setEnvironment(List<String> environment) {
      this.environment = environment;
    }
  }

  /**
   * What separates a run from the coordinator: with {@code USER}, each driver runs as an
   * unprivileged user id of its own (needs root, or CAP_SETUID and CAP_SETGID), which cannot read
   * the data directory; {@code NONE} runs it as the coordinator's own user. {@code AUTO} picks
   * {@code USER} when the coordinator may switch users, else {@code NONE} with a warning.
   */
  public static class Isolation {

    private IsolationSettings.Mode mode = IsolationSettings.Mode.AUTO;

    /** The first of the user (and group) ids given to runs, one per concurrent run. */
    private int firstUid = 2_140_000_000;

    /** How many user ids runs may use; at least {@code max-concurrent}. */
    private int uidCount = 1_000;

    /**
     * The most processes and threads one run may have at once (RLIMIT_NPROC of its user id; with
     * {@code NONE} isolation, of the coordinator's user): bounds a thread bomb.
     */
    private int maxProcesses = 16_384;

    /** The largest file a run may write, its stdout and stderr included (RLIMIT_FSIZE). */
    private DataSize maxFileSize = DataSize.ofGigabytes(1);

    /**
     * The CPUs runs may use, as {@code taskset}'s list ({@code 0}, {@code 2-3,6}): keeps runs off
     * the cores of the coordinator, the broker or local workers. Empty: every CPU.
     */
    private String cpus = "";

    public String getCpus() {
      return cpus;
    }

    public void setCpus(String cpus) {
      this.cpus = cpus;
    }

    public IsolationSettings.Mode getMode() {
      return mode;
    }

    public void setMode(IsolationSettings.Mode mode) {
      this.mode = mode;
    }

    public int getFirstUid() {
      return firstUid;
    }

    public void setFirstUid(int firstUid) {
      this.firstUid = firstUid;
    }

    public int getUidCount() {
      return uidCount;
    }

    public void setUidCount(int uidCount) {
      this.uidCount = uidCount;
    }

    public int getMaxProcesses() {
      return maxProcesses;
    }

    public void setMaxProcesses(int maxProcesses) {
      this.maxProcesses = maxProcesses;
    }

    public DataSize getMaxFileSize() {
      return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
      this.maxFileSize = maxFileSize;
    }
  }

  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public DataSize getOutputCap() {
    return outputCap;
  }

  public void setOutputCap(DataSize outputCap) {
    this.outputCap = outputCap;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public boolean isCountLocalCalls() {
    return countLocalCalls;
  }

  public void setCountLocalCalls(boolean countLocalCalls) {
    this.countLocalCalls = countLocalCalls;
  }

  public Duration getCountLocalCallsMinWork() {
    return countLocalCallsMinWork;
  }

  public void setCountLocalCallsMinWork(Duration countLocalCallsMinWork) {
    this.countLocalCallsMinWork = countLocalCallsMinWork;
  }

  public Duration getStopGrace() {
    return stopGrace;
  }

  public void setStopGrace(Duration stopGrace) {
    this.stopGrace = stopGrace;
  }

  public Duration getStatsInterval() {
    return statsInterval;
  }

  public void setStatsInterval(Duration statsInterval) {
    this.statsInterval = statsInterval;
  }

  public boolean isKeepRunDirectories() {
    return keepRunDirectories;
  }

  public void setKeepRunDirectories(boolean keepRunDirectories) {
    this.keepRunDirectories = keepRunDirectories;
  }

  public OnShutdown getOnShutdown() {
    return onShutdown;
  }

  public void setOnShutdown(OnShutdown onShutdown) {
    this.onShutdown = onShutdown;
  }

  /** Where a run's driver reaches this coordinator; by default 127.0.0.1 and its own port. */
  private String coordinatorUrl;

  public String getCoordinatorUrl() {
    return coordinatorUrl;
  }

  public void setCoordinatorUrl(String coordinatorUrl) {
    this.coordinatorUrl = coordinatorUrl;
  }

  public Driver getDriver() {
    return driver;
  }

  public Isolation getIsolation() {
    return isolation;
  }

  /** The drivers' launch settings. */
  DriverSettings driverSettings() {
    return new DriverSettings(
        Optional.ofNullable(driver.getJava()),
        driver.getJvmOptions(),
        driver.getEnvironment(),
        driver.isCds());
  }

  /** The isolation settings. */
  IsolationSettings isolationSettings() {
    return new IsolationSettings(
        isolation.getMode(),
        isolation.getFirstUid(),
        isolation.getUidCount(),
        isolation.getMaxProcesses(),
        isolation.getMaxFileSize().toBytes(),
        Optional.ofNullable(isolation.getCpus()).map(String::strip).filter(c -> !c.isEmpty()));
  }

  /** What every driver is told besides its run. */
  SpecSettings specSettings() {
    return new SpecSettings(callTimeout, statsInterval, this::countsLocalCalls);
  }

  /** Output cap in bytes, bounded to what a Java array holds. */
  int outputCapBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 1024, outputCap.toBytes());
  }

  /**
   * Whether a site counts its calls while it is LOCAL: when counting is on and the method's
   * estimated work per call is unknown or at least {@link #countLocalCallsMinWork}.
   */
  boolean countsLocalCalls(double estimatedWorkNanos) {
    return countLocalCalls
        && (Double.isNaN(estimatedWorkNanos)
            || estimatedWorkNanos >= countLocalCallsMinWork.toNanos());
  }
}
