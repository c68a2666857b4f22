package dev.farcall.coordinator.dispatch;

import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies topic on its own thread: every partition, without a consumer group, from the
 * end as it was at start (earlier replies belong to calls of a previous coordinator). The start
 * positions are resolved before {@link #start()} returns, so no reply to a call sent afterwards can
 * be skipped.
 */
final class ReplyListener {

  private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Properties config;
  private final String topic;
  private final Consumer<List<InvocationResult>> onReplies;
  private final Runnable onMalformed;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private volatile List<Integer> partitions = List.of();
  private Thread thread;

  ReplyListener(
      String bootstrapServers,
      String topic,
      Consumer<List<InvocationResult>> onReplies,
      Runnable onMalformed) {
    this.topic = topic;
    this.onReplies = onReplies;
    this.onMalformed = onMalformed;
    config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "farcall-coordinator-replies");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
  }

  synchronized void start() {
    if (running) {
      return;
    }
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    c.assign(partitions);
    c.seekToEnd(partitions);
    for (TopicPartition p : partitions) {
      c.position(p, Duration.ofSeconds(30)); // resolve "end" now, not at the first poll
    }
    this.partitions = partitions.stream().map(TopicPartition::partition).sorted().toList();
    consumer = c;
    running = true;
    thread = new Thread(this::run, "farcall-replies");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    KafkaConsumer<String, byte[]> c = consumer;
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = c.poll(POLL);
        if (records.isEmpty()) {
          continue;
        }
        List<InvocationResult> results = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
          decode(record).ifPresent(results::add);
        }
        if (!results.isEmpty()) {
          try {
            onReplies.accept(results);
          } catch (RuntimeException e) {
            log.error("Failed to handle {} replies", results.size(), e);
          }
        }
      }
    } catch (WakeupException e) {
      // stop() asked us to end
    } catch (RuntimeException e) {
      log.error("Reply listener stopped by an unexpected error", e);
    } finally {
      c.close(Duration.ofSeconds(1));
    }
  }

  private Optional<InvocationResult> decode(ConsumerRecord<String, byte[]> record) {
    try {
      return Optional.of(WireFormat.RESULTS.decode(record.value()));
    } catch (PayloadException e) {
      onMalformed.run();
      log.warn(
          "Skipping malformed reply at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The replies topic's partitions, sorted; empty before {@link #start()}. */
  List<Integer> partitions() {
    return partitions;
  }

  synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
