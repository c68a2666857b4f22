package dev.farcall.coordinator.dispatch;

import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  private final Consumer<InvocationResult> onReply;
  private final Runnable onMalformed;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  ReplyListener(
      String bootstrapServers,
      String topic,
      Consumer<InvocationResult> onReply,
      Runnable onMalformed) {
    this.topic = topic;
    this.onReply = onReply;
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
        for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
          accept(record);
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

  private void accept(ConsumerRecord<String, byte[]> record) {
    InvocationResult result;
    try {
      result = WireFormat.RESULTS.decode(record.value());
    } catch (PayloadException e) {
      onMalformed.run();
      log.warn(
          "Skipping malformed reply at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    try {
      onReply.accept(result);
    } catch (RuntimeException e) {
      log.error("Failed to handle reply to {}", result.getInvocationId(), e);
    }
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
