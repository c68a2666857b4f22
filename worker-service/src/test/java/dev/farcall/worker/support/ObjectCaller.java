package dev.farcall.worker.support;

import static org.awaitility.Awaitility.await;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.DispatchChannels;
import dev.farcall.dispatch.DispatchListener;
import dev.farcall.dispatch.DispatchSettings;
import dev.farcall.dispatch.InvocationProducers;
import dev.farcall.dispatch.ReplyAddress;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.dispatch.workers.HeartbeatListener;
import dev.farcall.dispatch.workers.RegistrySettings;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The callers' side of remote objects as a run driver has it: the dispatch core, a worker registry
 * fed by the heartbeats, and {@link RemoteObjects}, on the topics of a {@link TestKafka}.
 */
public final class ObjectCaller implements AutoCloseable {

  public final WorkerRegistry registry;
  public final CallDispatcher dispatcher;
  public final RemoteObjects objects;
  private final HeartbeatListener heartbeats;
  private final KafkaProducer<String, byte[]> producer;

  public ObjectCaller(TestKafka kafka, int partitions) {
    this(kafka, partitions, kafka.topics().prefix() + "replies.objects");
  }

  /** A caller whose replies come on {@code replies} (created here), like a run's own topic. */
  public ObjectCaller(TestKafka kafka, int partitions, String replies) {
    String bootstrap = kafka.bootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(replies, 1, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the reply topic", e);
    }
    RegistrySettings settings =
        new RegistrySettings(
            // generous: the test machine is busy, and a late heartbeat must not lose objects
            5,
            10,
            RegistrySettings.DEFAULT_FORGET_DEAD_AFTER,
            Duration.ofMillis(50),
            Duration.ofMillis(300));
    registry = new WorkerRegistry(settings, Clock.systemUTC());
    heartbeats =
        new HeartbeatListener(
            bootstrap,
            kafka.topics().heartbeats(),
            "objects-heartbeats-" + UUID.randomUUID(),
            registry,
            settings);
    heartbeats.start();
    producer =
        new KafkaProducer<>(
            InvocationProducers.config(bootstrap, "objects-caller", "all", Duration.ZERO));
    dispatcher =
        new CallDispatcher(
            DispatchSettings.defaults().withSweepInterval(Duration.ofMillis(50)),
            new DispatchChannels(
                producer,
                kafka.topics().invocations(),
                partitions,
                bootstrap,
                ReplyAddress.own(replies),
                "objects-caller"),
            registry,
            Clock.systemUTC(),
            new DispatchListener() {});
    dispatcher.start();
    objects = new RemoteObjects(dispatcher, registry);
  }

  /** Waits until these workers are ALIVE and consume partitions. */
  public void awaitAlive(String... workerIds) {
    await()
        .atMost(TestKafka.WAIT.multipliedBy(2))
        .until(
            () -> {
              for (String id : workerIds) {
                boolean ok =
                    registry.aliveWorkers().stream()
                        .anyMatch(
                            w ->
                                w.id().equals(id)
                                    && w.status() == WorkerStatus.ALIVE
                                    && !w.assignedPartitions().isEmpty());
                if (!ok) {
                  return false;
                }
              }
              return true;
            });
  }

  @Override
  public void close() {
    dispatcher.stop();
    heartbeats.stop();
    producer.close(Duration.ofSeconds(1));
  }
}
