package dev.farcall.coordinator.dispatch;

import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.kafka.KafkaTopicCreator;
import dev.farcall.coordinator.worker.HeartbeatListener;
import dev.farcall.coordinator.worker.WorkerRegistry;
import dev.farcall.coordinator.worker.WorkerRegistryProperties;
import dev.farcall.coordinator.worker.WorkerSnapshot;
import dev.farcall.coordinator.worker.WorkerStatus;
import dev.farcall.kafka.SharedBroker;
import dev.farcall.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A dispatcher, a registry and its heartbeat listener on fresh topics of the shared test broker,
 * plus the fake workers a test starts. Close it after the test.
 */
public final class DispatchFixture implements AutoCloseable {

  public static final int PARTITIONS = 4;

  public final FarcallKafkaProperties kafka = new FarcallKafkaProperties();
  public final DispatchProperties properties = new DispatchProperties();
  public final WorkerRegistry registry;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final Dispatcher dispatcher;
  private final HeartbeatListener heartbeats;
  private final KafkaProducer<String, byte[]> producer;
  private final List<FakeWorker> workers = new ArrayList<>();

  public DispatchFixture(Consumer<DispatchProperties> customize) {
    kafka.setBootstrapServers(SharedBroker.bootstrapServers());
    kafka.setTopicPrefix("t" + UUID.randomUUID() + ".");
    kafka.setInvocationPartitions(PARTITIONS);
    kafka.setReplyPartitions(1);
    KafkaTopicCreator.createMissingTopics(kafka);
    customize.accept(properties);
    WorkerRegistryProperties registryProperties = new WorkerRegistryProperties();
    registryProperties.setCheckInterval(Duration.ofMillis(50));
    registry = new WorkerRegistry(registryProperties, Clock.systemUTC());
    heartbeats = new HeartbeatListener(kafka, registry, registryProperties);
    heartbeats.start();
    producer =
        new KafkaProducer<>(
            DispatchConfiguration.producerConfig(kafka.getBootstrapServers(), properties));
    dispatcher =
        new Dispatcher(
            properties,
            kafka.topics(),
            kafka.getBootstrapServers(),
            PARTITIONS,
            registry,
            producer,
            Clock.systemUTC(),
            meters);
    dispatcher.start();
  }

  public Topics topics() {
    return kafka.topics();
  }

  /** A builder of a fake worker that the fixture closes. */
  public FakeWorker.Builder worker(String id) {
    return FakeWorker.builder(kafka.getBootstrapServers(), topics(), id);
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
              var owned = new HashSet<Integer>();
              for (FakeWorker w : ws) {
                if (w.assignedPartitions().isEmpty()) {
                  return false;
                }
                owned.addAll(w.assignedPartitions());
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

  public double counter(String name) {
    var c = meters.find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    dispatcher.stop();
    heartbeats.stop();
    producer.close(Duration.ofSeconds(1));
    workers.forEach(FakeWorker::close);
  }
}
