package dev.farcall.worker.kafka;

import dev.farcall.worker.config.FarcallKafkaProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the worker's Kafka clients from {@link FarcallKafkaProperties}. */
public final class KafkaClients {

  private static final java.time.Duration MAX_BLOCK = java.time.Duration.ofSeconds(10);

  /** The shortest idle time Kafka allows before a producer forgets a topic's metadata. */
  private static final java.time.Duration METADATA_IDLE = java.time.Duration.ofSeconds(5);

  /** Room for several hundred replies in one batch (the default 16 KiB holds about 100). */
  static final int BATCH_SIZE = 128 * 1024;

  private final FarcallKafkaProperties properties;

  public KafkaClients(FarcallKafkaProperties properties) {
    this.properties = properties;
  }

  /** Consumer settings of the invocations consumer: manual commits, fast failure detection. */
  Map<String, Object> consumerConfig(String workerId) {
    FarcallKafkaProperties.Consumer c = properties.getConsumer();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.topics().workerGroup());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "farcall-worker-" + workerId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Requests sent before the first worker joined must still be served.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) c.getSessionTimeout().toMillis());
    config.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) c.getHeartbeatInterval().toMillis());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, c.getMaxPollRecords());
    // Cooperative rebalancing: a worker joining or leaving does not stop the others' partitions.
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        List.of(CooperativeStickyAssignor.class.getName()));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** Producer settings for replies and heartbeats: acknowledged by all in-sync replicas. */
  Map<String, Object> producerConfig(String workerId) {
    FarcallKafkaProperties.Producer p = properties.getProducer();
    long delivery = p.getDeliveryTimeout().toMillis();
    long linger = p.getLinger().toMillis();
    // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
    long request = Math.max(1000, (delivery - linger) / 2);
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "farcall-worker-" + workerId + "-producer");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
    // One produce request at a time: a lone reply still leaves at once, and under load the replies
    // finished while a request is out go together in the next one instead of as many small
    // requests, each of which costs the broker (on the same machine) far more than the wait.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, linger + request));
    // A reply to a missing topic must not hold a slot for the default minute.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
    // Each run replies on a topic of its own, deleted as the run ends; the producer keeps asking
    // for the metadata of a topic it used (every retry backoff while the topic is missing) until
    // the topic has been idle this long, so forget ended runs' topics soon, not after 5 minutes.
    // A live run's topic forgotten in a pause costs its next reply one metadata request.
    config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) METADATA_IDLE.toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A new invocations consumer; the caller owns and closes it. */
  public KafkaConsumer<String, byte[]> newConsumer(String workerId) {
    return new KafkaConsumer<>(consumerConfig(workerId));
  }

  /** An admin client, for the look at which reply topics are gone ({@link ReplyTopics}). */
  public org.apache.kafka.clients.admin.Admin newAdmin(String workerId) {
    return org.apache.kafka.clients.admin.Admin.create(
        Map.of(
            org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            properties.getBootstrapServers(),
            org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG,
            "farcall-worker-" + workerId + "-admin"));
  }

  /** A new producer; the caller owns and closes it. */
  public KafkaProducer<String, byte[]> newProducer(String workerId) {
    return new KafkaProducer<>(producerConfig(workerId));
  }
}
