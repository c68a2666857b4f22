package dev.farcall.worker.config;

import dev.farcall.model.wire.WireLimits;
import dev.farcall.worker.objects.ObjectLimits;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of one worker: identity, coordinator access, execution slots, jar cache, liveness. */
@ConfigurationProperties("farcall.worker")
public class WorkerProperties {

  /** Default coordinator base URL. */
  public static final URI DEFAULT_COORDINATOR_URL = URI.create("http://127.0.0.1:8080");

  /** Default interval between heartbeats. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  /** Default time a graceful shutdown waits for in-flight calls and their replies. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** Default number of program class loaders kept loaded. */
  public static final int DEFAULT_MAX_LOADED_PROGRAMS = 16;

  /** Default largest jar the worker accepts from the coordinator. */
  public static final DataSize DEFAULT_MAX_JAR_SIZE = DataSize.ofMegabytes(256);

  /** Default connect timeout of requests to the coordinator. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default read timeout of requests to the coordinator. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** A listing of the broker's topics every 10 s: cheap, and an ended run's objects go soon. */
  public static final Duration DEFAULT_OWNER_SWEEP_INTERVAL = Duration.ofSeconds(10);

  public static final Duration DEFAULT_REPLY_TOPIC_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** Unique id of this worker; defaults to the host name plus a short random suffix. */
  private String id;

  /** Base URL of the coordinator the jars are fetched from. */
  private URI coordinatorUrl = DEFAULT_COORDINATOR_URL;

  /** Bearer token with the worker role, sent when fetching jars (env FARCALL_WORKER_TOKEN). */
  private String token;

  /** How many invocations run at once; defaults to the number of available processors. */
  private int slots = Runtime.getRuntime().availableProcessors();

  /** Directory where fetched jars are kept, named by their SHA-256. */
  private Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "farcall-worker-cache");

  /** How often a heartbeat is sent. */
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

  /** How long a graceful shutdown waits for in-flight calls and their replies. */
  private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

  /** How many programs (one class loader each) stay loaded; the least recently used goes first. */
  private int maxLoadedPrograms = DEFAULT_MAX_LOADED_PROGRAMS;

  /** Largest jar accepted from the coordinator; a larger download is aborted. */
  private DataSize maxJarSize = DEFAULT_MAX_JAR_SIZE;

  /**
   * Largest encoded result one call may reply with. A larger result is not sent: the caller gets a
   * RESULT_TOO_LARGE error naming this limit (a 413 over REST). Encoding stops at the limit, so an
   * oversized result never costs its full encoding in memory. The default fits Kafka's default 1
   * MiB record limit; raise it only together with the producer's and broker's record limits.
   */
  private DataSize maxResultSize = DataSize.ofBytes(WireLimits.DEFAULT_MAX_PAYLOAD_BYTES);

  /** Connect timeout of requests to the coordinator. */
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

  /** Read timeout of requests to the coordinator. */
  private Duration readTimeout = DEFAULT_READ_TIMEOUT;

  /** How many remote objects this worker holds at most; one more is refused. */
  private int maxObjects = ObjectLimits.DEFAULT_MAX_OBJECTS;

  /**
   * The heap the remote objects may take together (their constructors' allocations); unset means a
   * quarter of the maximum heap.
   */
  private DataSize maxObjectHeap;

  /**
   * How often the worker looks whether the runs that own its objects have ended (their reply topics
   * deleted), to end those objects and free what they hold.
   */
  private Duration ownerSweepInterval = DEFAULT_OWNER_SWEEP_INTERVAL;

  /**
   * How often the worker looks whether the reply topics it answers are still there: a reply to a
   * deleted one (its run ended) is not sent, and a call queued for it is not run.
   */
  private Duration replyTopicCheckInterval = DEFAULT_REPLY_TOPIC_CHECK_INTERVAL;

  public Duration getReplyTopicCheckInterval() {
    return replyTopicCheckInterval;
  }

  public void setReplyTopicCheckInterval(Duration replyTopicCheckInterval) {
    this.replyTopicCheckInterval = replyTopicCheckInterval;
  }

  public Duration getOwnerSweepInterval() {
    return ownerSweepInterval;
  }

  public void setOwnerSweepInterval(Duration ownerSweepInterval) {
    this.ownerSweepInterval = ownerSweepInterval;
  }

  public int getMaxObjects() {
    return maxObjects;
  }

  public void setMaxObjects(int maxObjects) {
    this.maxObjects = maxObjects;
  }

  public DataSize getMaxObjectHeap() {
    return maxObjectHeap;
  }

  public void setMaxObjectHeap(DataSize maxObjectHeap) {
    this.maxObjectHeap = maxObjectHeap;
  }

  /** The object limits these properties set. */
  public ObjectLimits objectLimits() {
    long bytes =
        maxObjectHeap != null
            ? maxObjectHeap.toBytes()
            : (long) (Runtime.getRuntime().maxMemory() * ObjectLimits.DEFAULT_HEAP_SHARE);
    return new ObjectLimits(maxObjects, bytes);
  }

  /** The configured id, or a generated one (host name plus random suffix) fixed on first use. */
  public synchronized String getId() {
    if (id == null || id.isBlank()) {
      id = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    return id;
  }

  public synchronized void setId(String id) {
    this.id = id;
  }

  public URI getCoordinatorUrl() {
    return coordinatorUrl;
  }

  public void setCoordinatorUrl(URI coordinatorUrl) {
    this.coordinatorUrl = coordinatorUrl;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public int getSlots() {
    return slots;
  }

  public void setSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("farcall.worker.slots must be at least 1, was " + slots);
    }
    this.slots = slots;
  }

  public Path getCacheDir() {
    return cacheDir;
  }

  public void setCacheDir(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  public void setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public int getMaxLoadedPrograms() {
    return maxLoadedPrograms;
  }

  public void setMaxLoadedPrograms(int maxLoadedPrograms) {
    this.maxLoadedPrograms = maxLoadedPrograms;
  }

  public DataSize getMaxResultSize() {
    return maxResultSize;
  }

  public void setMaxResultSize(DataSize maxResultSize) {
    this.maxResultSize = maxResultSize;
  }

  public DataSize getMaxJarSize() {
    return maxJarSize;
  }

  public void setMaxJarSize(DataSize maxJarSize) {
    this.maxJarSize = maxJarSize;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** The local host name, or {@code worker} when it cannot be determined. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }
}
