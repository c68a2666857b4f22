package dev.farcall.driver.cluster;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.DispatchChannels;
import dev.farcall.dispatch.DispatchListener;
import dev.farcall.dispatch.DispatchSettings;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.dispatch.ReplyAddress;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.dispatch.workers.HeartbeatListener;
import dev.farcall.dispatch.workers.RegistrySettings;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerSnapshot;
import dev.farcall.dispatch.workers.WorkerStatus;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.DriverDispatch;
import dev.farcall.model.wire.RunSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's own dispatch core, opened on a thread of its own while the program starts: it
 * creates the run's reply topic (so the run reads only its own replies), starts a worker registry
 * fed by the heartbeats topic and waits until it has read the heartbeats published so far (so the
 * first call goes to a live worker), then starts a {@link CallDispatcher}. A call made before that
 * waits for it, up to its deadline; when Kafka cannot be reached, calls run at home.
 */
public final class ClusterConnection implements RemoteConnection, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);
  private static final Duration HEARTBEAT_HISTORY_WAIT = Duration.ofSeconds(5);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final RunSpec spec;
  private final CompletableFuture<Producer<String, byte[]>> producer;
  private final CompletableFuture<CallDispatcher> dispatcher = new CompletableFuture<>();
  private volatile HeartbeatListener heartbeats;
  private volatile long connectedAtNanos;
  private volatile long livenessWindowNanos;
  private volatile WorkerRegistry workers;
  private volatile RemoteObjects remoteObjects;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.LongAdder foreignReplies =
      new java.util.concurrent.atomic.LongAdder();

  private ClusterConnection(RunSpec spec, CompletableFuture<Producer<String, byte[]>> producer) {
    this.spec = spec;
    this.producer = producer;
  }

  /** Starts connecting on a daemon thread and returns at once. */
  public static ClusterConnection open(
      RunSpec spec, CompletableFuture<Producer<String, byte[]>> producer) {
    ClusterConnection connection = new ClusterConnection(spec, producer);
    Thread t = new Thread(connection::connect, "farcall-driver-connect");
    t.setDaemon(true);
    t.start();
    return connection;
  }

  private void connect() {
    try {
      Producer<String, byte[]> p = producer.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      String bootstrap = spec.getKafka().getBootstrapServers();
      Topics topics = new Topics(spec.getKafka().getTopicPrefix());
      String replyTopic = spec.getKafka().getReplyTopic();
      createReplyTopic(bootstrap, replyTopic);
      DriverDispatch d = spec.getDispatch();
      RegistrySettings registrySettings =
          new RegistrySettings(
              d.getSuspectAfterIntervals(),
              d.getDeadAfterIntervals(),
              RegistrySettings.DEFAULT_FORGET_DEAD_AFTER,
              Duration.ofMillis(d.getRegistryCheckIntervalMillis()),
              RegistrySettings.DEFAULT_HEARTBEAT_INTERVAL);
      WorkerRegistry registry = new WorkerRegistry(registrySettings, Clock.systemUTC());
      workers = registry;
      HeartbeatListener listener =
          new HeartbeatListener(
              bootstrap,
              topics.heartbeats(),
              "farcall-driver-" + spec.getRunId() + "-heartbeats",
              registry,
              registrySettings);
      listener.start();
      heartbeats = listener;
      int partitions = p.partitionsFor(topics.invocations()).size();
      CallDispatcher core =
          new CallDispatcher(
              new DispatchSettings(
                  d.getMaxAttempts(),
                  Duration.ofMillis(d.getAttemptTimeoutMillis()),
                  Duration.ofMillis(d.getSweepIntervalMillis()),
                  d.getMaxPending(),
                  DispatchSettings.DEFAULT_COMPLETION_THREADS,
                  DispatchSettings.DEFAULT_MAX_PAYLOAD_BYTES),
              new DispatchChannels(
                  p,
                  topics.invocations(),
                  partitions,
                  bootstrap,
                  ReplyAddress.own(replyTopic),
                  "farcall-driver-" + spec.getRunId()),
              registry,
              Clock.systemUTC(),
              new DispatchListener() {
                @Override
                public void duplicateReply() {
                  foreignReplies.increment();
                }
              });
      core.start();
      remoteObjects = new RemoteObjects(core, registry);
      if (!listener.awaitCaughtUp(HEARTBEAT_HISTORY_WAIT)) {
        log.warn("heartbeats not read within {}; dispatching anyway", HEARTBEAT_HISTORY_WAIT);
      }
      livenessWindowNanos =
          (long)
              (registrySettings.deadAfterIntervals()
                  * registrySettings.defaultHeartbeatInterval().toNanos());
      connectedAtNanos = System.nanoTime();
      dispatcher.complete(core);
      log.info("connected: replies on {}, {} invocation partitions", replyTopic, partitions);
    } catch (Exception | LinkageError e) {
      if (!closed) {
        log.warn("cannot reach the workers; every call of this run runs at home", e);
      }
      dispatcher.completeExceptionally(e);
    }
  }

  private static void createReplyTopic(String bootstrap, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "farcall-driver-admin");
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
          .all()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      // a restarted coordinator's driver, or a second attempt: the topic is ours already
    }
  }

  /**
   * Replies on the run's reply topic that answered no call of it: a duplicate (a resent call
   * answered twice), or another run's reply, which cannot happen with a topic of its own.
   */
  @Override
  public long foreignReplies() {
    return foreignReplies.sum();
  }

  /**
   * What the alive workers offer now, from their heartbeats; {@link ClusterCapacity#NONE} if the
   * connection failed. Empty while the workers are not known yet, which is not the same as there
   * being none: while the connection opens, and while no worker is ALIVE but some are only SUSPECT
   * (late heartbeats on a busy machine) or the registry has not yet listened for a whole liveness
   * window.
   */
  public Optional<ClusterCapacity> capacity() {
    WorkerRegistry registry = workers;
    if (registry == null || !dispatcher.isDone()) {
      return Optional.empty();
    }
    if (dispatcher.isCompletedExceptionally()) {
      return Optional.of(ClusterCapacity.NONE);
    }
    int alive = 0;
    int slots = 0;
    int free = 0;
    boolean suspect = false;
    for (WorkerSnapshot w : registry.workers()) {
      if (w.status() == WorkerStatus.ALIVE) {
        alive++;
        slots += w.slots();
        free += Math.max(0, w.slots() - w.inFlight());
      } else if (w.status() == WorkerStatus.SUSPECT) {
        suspect = true;
      }
    }
    if (alive == 0 && (suspect || System.nanoTime() - connectedAtNanos < livenessWindowNanos)) {
      return Optional.empty();
    }
    return Optional.of(new ClusterCapacity(alive, slots, Math.min(free, slots)));
  }

  @Override
  public Optional<RemoteInvoker> invoker(Duration wait) {
    try {
      return Optional.of(dispatcher.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<RemoteObjects> objects(Duration wait) {
    return invoker(wait).map(ready -> remoteObjects);
  }

  @Override
  public Optional<RemoteObjects> openObjects() {
    return dispatcher.isDone() && !dispatcher.isCompletedExceptionally()
        ? Optional.ofNullable(remoteObjects)
        : Optional.empty();
  }

  /**
   * Closes the run's remote objects (they end with the run), then stops the dispatcher and the
   * heartbeat listener (the producer belongs to the driver, and flushes the closes).
   */
  @Override
  public void close() {
    closed = true;
    RemoteObjects objects = remoteObjects;
    if (objects != null) {
      objects.closeAll();
    }
    dispatcher.thenAccept(CallDispatcher::stop);
    HeartbeatListener h = heartbeats;
    if (h != null) {
      h.stop();
    }
  }
}
