package dev.farcall.worker.support;

import static org.awaitility.Awaitility.await;

import dev.farcall.kafka.SharedBroker;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's side of Kafka, on the shared embedded broker with a random topic prefix: creates the
 * topics, sends requests, collects every reply and heartbeat in the background, and reads the
 * workers' committed offsets.
 */
public final class TestKafka implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(30);

  private final Topics topics;
  private final int invocationPartitions;
  private final Admin admin;
  private final KafkaProducer<String, byte[]> producer;
  private final List<InvocationResult> results = new CopyOnWriteArrayList<>();
  private final List<WorkerHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
  private final Thread collector;
  private volatile boolean closed;

  public TestKafka(int invocationPartitions) {
    this.topics = new Topics("t" + UUID.randomUUID().toString().replace("-", "") + ".");
    this.invocationPartitions = invocationPartitions;
    String bootstrap = SharedBroker.bootstrapServers();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    try {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.invocations(), invocationPartitions, (short) 1),
                  new NewTopic(topics.replies(), 1, (short) 1),
                  new NewTopic(topics.heartbeats(), 1, (short) 1)))
          .all()
          .get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot create test topics", e);
    }
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    List<TopicPartition> read =
        List.of(
            new TopicPartition(topics.replies(), 0), new TopicPartition(topics.heartbeats(), 0));
    consumer.assign(read);
    consumer.seekToBeginning(read);
    collector = new Thread(() -> collect(consumer), "test-collector");
    collector.setDaemon(true);
    collector.start();
  }

  private void collect(KafkaConsumer<String, byte[]> consumer) {
    try (consumer) {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.topic().equals(topics.replies())) {
            results.add(WireFormat.RESULTS.decode(r.value()));
          } else {
            heartbeats.add(WireFormat.HEARTBEATS.decode(r.value()));
          }
        }
      }
    }
  }

  public Topics topics() {
    return topics;
  }

  public String bootstrapServers() {
    return SharedBroker.bootstrapServers();
  }

  /** Sends a value to a partition of the invocations topic and waits for the broker's ack. */
  public RecordMetadata sendInvocation(int partition, String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topics.invocations(), partition, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends values to a partition of the invocations topic without waiting for each ack (the producer
   * batches them), then waits for all acks; returns the last record's metadata.
   */
  public RecordMetadata sendInvocations(int partition, List<byte[]> values) {
    List<java.util.concurrent.Future<RecordMetadata>> acks = new java.util.ArrayList<>();
    for (byte[] value : values) {
      acks.add(
          producer.send(
              new ProducerRecord<>(topics.invocations(), partition, "k" + acks.size(), value)));
    }
    RecordMetadata last = null;
    try {
      for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
        last = ack.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return last;
  }

  /** The reply for an invocation id, waiting for it. */
  public InvocationResult awaitResult(String invocationId) {
    return await().atMost(WAIT).until(() -> result(invocationId), r -> r != null);
  }

  private InvocationResult result(String invocationId) {
    return results.stream()
        .filter(r -> r.getInvocationId().equals(invocationId))
        .findFirst()
        .orElse(null);
  }

  /** Every reply received so far. */
  public List<InvocationResult> allResults() {
    return List.copyOf(results);
  }

  /** Every reply received so far for an invocation id. */
  public List<InvocationResult> results(String invocationId) {
    return results.stream().filter(r -> r.getInvocationId().equals(invocationId)).toList();
  }

  /** Heartbeats received so far from a worker, oldest first. */
  public List<WorkerHeartbeat> heartbeats(String workerId) {
    return heartbeats.stream().filter(h -> h.getWorkerId().equals(workerId)).toList();
  }

  /** Committed offsets of the worker group on the invocations topic. */
  public Map<Integer, Long> committedOffsets() {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(topics.workerGroup())
              .partitionsToOffsetAndMetadata()
              .get();
      return offsets.entrySet().stream()
          .filter(e -> e.getValue() != null)
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** End offsets of the invocations topic. */
  public Map<Integer, Long> endOffsets() {
    List<TopicPartition> parts = new ArrayList<>();
    for (int p = 0; p < invocationPartitions; p++) {
      parts.add(new TopicPartition(topics.invocations(), p));
    }
    try {
      return admin
          .listOffsets(
              parts.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
          .all()
          .get()
          .entrySet()
          .stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Committed offsets of partitions that hold records, once they equal the end offsets. */
  public void awaitAllCommitted() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<Integer, Long> committed = committedOffsets();
              endOffsets()
                  .forEach(
                      (p, end) -> {
                        if (end > 0 && !end.equals(committed.get(p))) {
                          throw new AssertionError(
                              "partition " + p + " committed " + committed.get(p) + " of " + end);
                        }
                      });
            });
  }

  /** The worker group as the broker sees it. */
  public ConsumerGroupDescription describeGroup() {
    try {
      return admin
          .describeConsumerGroups(List.of(topics.workerGroup()))
          .all()
          .get()
          .get(topics.workerGroup());
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      collector.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    admin.close();
  }
}
