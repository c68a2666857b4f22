package dev.farcall.dispatch;

import static org.awaitility.Awaitility.await;

import dev.farcall.dispatch.workers.HeartbeatListener;
import dev.farcall.dispatch.workers.RegistrySettings;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerSnapshot;
import dev.farcall.dispatch.workers.WorkerStatus;
import dev.farcall.kafka.SharedBroker;
import dev.farcall.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A dispatcher, a registry and its heartbeat listener on fresh topics of the shared test broker,
 * plus the fake workers a test starts. Close it after the test.
 */
public final class DispatchFixture implements AutoCloseable {

  public static final int PARTITIONS = 4;

  public final Topics topics = new Topics("t" + UUID.randomUUID() + ".");
  public final WorkerRegistry registry;
  public final Counts counts = new Counts();
  public final CallDispatcher dispatcher;
  private final HeartbeatListener heartbeats;
  private final KafkaProducer<String, byte[]> producer;
  private final List<FakeWorker> workers = new ArrayList<>();

  /** What the dispatcher reported, counted. */
  public static final class Counts implements DispatchListener {
    public final AtomicLong resent = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicLong expired = new AtomicLong();

    @Override
    public void resent(int calls) {
      resent.addAndGet(calls);
    }

    @Override
    public void duplicateReply() {
      duplicates.incrementAndGet();
    }

    @Override
    public void deadlineExpired() {
      expired.incrementAndGet();
    }
  }

  public DispatchFixture(UnaryOperator<DispatchSettings> customize) {
    String bootstrap = SharedBroker.bootstrapServers();
    createTopics(bootstrap, topics);
    RegistrySettings registrySettings =
        RegistrySettings.defaults().withCheckInterval(Duration.ofMillis(50));
    registry = new WorkerRegistry(registrySettings, Clock.systemUTC());
    heartbeats =
        new HeartbeatListener(
            bootstrap, topics.heartbeats(), "test-heartbeats", registry, registrySettings);
    heartbeats.start();
    producer =
        new KafkaProducer<>(InvocationProducers.config(bootstrap, "test", "all", Duration.ZERO));
    dispatcher =
        new CallDispatcher(
            customize.apply(DispatchSettings.defaults()),
            new DispatchChannels(
                producer,
                topics.invocations(),
                PARTITIONS,
                bootstrap,
                ReplyAddress.shared(topics.replies(), -1),
                "test-dispatch"),
            registry,
            Clock.systemUTC(),
            counts);
    dispatcher.start();
  }

  static void createTopics(String bootstrap, Topics topics) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.invocations(), PARTITIONS, (short) 1),
                  new NewTopic(topics.replies(), 1, (short) 1),
                  new NewTopic(topics.heartbeats(), 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test topics", e);
    }
  }

  public Topics topics() {
    return topics;
  }

  /** A builder of a fake worker that the fixture closes. */
  public FakeWorker.Builder worker(String id) {
    return FakeWorker.builder(SharedBroker.bootstrapServers(), topics(), id);
  }

  public FakeWorker started(FakeWorker.Builder builder) {
    FakeWorker w = builder.start();
    workers.add(w);
    return w;
  }

  /** Waits until the registry sees the worker ALIVE with the partitions it really owns. */
  public void awaitAlive(FakeWorker... ws) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (FakeWorker w : ws) {
                if (w.assignedPartitions().isEmpty()) {
                  return false;
                }
                WorkerSnapshot s =
                    registry.workers().stream()
                        .filter(x -> x.id().equals(w.id()))
                        .findFirst()
                        .orElse(null);
                if (s == null
                    || s.status() != WorkerStatus.ALIVE
                    || !new HashSet<>(s.assignedPartitions()).equals(w.assignedPartitions())) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Waits until the group has settled with every partition owned by one of these workers. */
  public void awaitAllPartitionsOwned(FakeWorker... ws) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var owned = new HashSet<Integer>();
              int total = 0;
              for (FakeWorker w : ws) {
                if (w.assignedPartitions().isEmpty()) {
                  return false;
                }
                owned.addAll(w.assignedPartitions());
                total += w.assignedPartitions().size();
              }
              return owned.size() == PARTITIONS && total == PARTITIONS;
            });
  }

  @Override
  public void close() {
    dispatcher.stop();
    heartbeats.stop();
    producer.close(Duration.ofSeconds(1));
    workers.forEach(FakeWorker::close);
  }
}
