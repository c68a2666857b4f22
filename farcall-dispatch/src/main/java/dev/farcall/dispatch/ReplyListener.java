package dev.farcall.dispatch;

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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one dispatcher's reply address on its own thread, without a consumer group: a topic of its
 * own from the beginning, or a shared topic from its end as it was at start (earlier replies belong
 * to calls of earlier dispatchers). The start positions are resolved before {@link #start()}
 * returns, so no reply to a call sent afterwards can be skipped.
 */
final class ReplyListener {

  private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

  private final Properties config;
  private final ReplyAddress address;
  private final Consumer<List<InvocationResult>> onReplies;
  private final Runnable onMalformed;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private volatile int requestedPartition = -1;
  private Thread thread;

  ReplyListener(
      String bootstrapServers,
      ReplyAddress address,
      String clientId,
      Consumer<List<InvocationResult>> onReplies,
      Runnable onMalformed) {
    this.address = address;
    this.onReplies = onReplies;
    this.onMalformed = onMalformed;
    config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The broker answers a waiting fetch as soon as a reply is appended (fetch.min.bytes is 1), so
    // a long wait costs no latency; a short one only makes an idle listener fetch, and the broker
    // answer, that many times a second (10 ms: 100 fetches/s for every run and the coordinator).
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
  }

  synchronized void start() {
    if (running) {
      return;
    }
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
    List<TopicPartition> partitions = partitionsToRead(c);
    c.assign(partitions);
    if (address.fromBeginning()) {
      c.seekToBeginning(partitions);
    } else {
      c.seekToEnd(partitions);
    }
    for (TopicPartition p : partitions) {
      c.position(p, METADATA_WAIT); // resolve the start now, not at the first poll
    }
    requestedPartition =
        address.partition() >= 0
            ? address.partition()
            : partitions.stream().mapToInt(TopicPartition::partition).min().orElse(-1);
    consumer = c;
    running = true;
    thread = new Thread(this::run, "farcall-replies");
    thread.setDaemon(true);
    thread.start();
  }

  private List<TopicPartition> partitionsToRead(KafkaConsumer<String, byte[]> c) {
    if (address.partition() >= 0 && address.fromBeginning()) {
      return List.of(new TopicPartition(address.topic(), address.partition()));
    }
    List<PartitionInfo> infos = c.partitionsFor(address.topic(), METADATA_WAIT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("reply topic " + address.topic() + " does not exist");
    }
    return infos.stream()
        .map(p -> new TopicPartition(address.topic(), p.partition()))
        .filter(p -> address.partition() < 0 || p.partition() == address.partition())
        .toList();
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

  /** The partition requests name for their replies; -1 (any) before {@link #start()}. */
  int requestedPartition() {
    return requestedPartition;
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
