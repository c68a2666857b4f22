package dev.farcall.coordinator.worker;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the registry from the heartbeats topic on its own thread: reads every partition from the
 * beginning without a consumer group (the topic is compacted, so the history is each worker's last
 * heartbeat), skips malformed records, and re-judges the workers every {@code checkInterval}.
 */
public class HeartbeatListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatListener.class);

  private final FarcallKafkaProperties kafka;
  private final WorkerRegistry registry;
  private final Duration checkInterval;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  public HeartbeatListener(
      FarcallKafkaProperties kafka, WorkerRegistry registry, WorkerRegistryProperties properties) {
    this.kafka = kafka;
    this.registry = registry;
    this.checkInterval = properties.getCheckInterval();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "farcall-coordinator-heartbeats");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
    String topic = kafka.topics().heartbeats();
    List<TopicPartition> partitions =
        c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    c.assign(partitions);
    c.seekToBeginning(partitions);
    consumer = c;
    running = true;
    thread = new Thread(this::run, "farcall-heartbeats");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    KafkaConsumer<String, byte[]> c = consumer;
    long nextCheck = 0;
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(checkInterval)) {
          accept(record);
        }
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
          registry.evaluate();
          nextCheck = now + checkInterval.toNanos();
        }
      }
    } catch (WakeupException e) {
      // stop() asked us to end
    } catch (RuntimeException e) {
      log.error("Heartbeat listener stopped by an unexpected error", e);
    } finally {
      c.close(Duration.ofSeconds(1));
    }
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone
    }
    WorkerHeartbeat heartbeat;
    try {
      heartbeat = WireFormat.HEARTBEATS.decode(record.value());
    } catch (PayloadException e) {
      log.warn(
          "Skipping malformed heartbeat at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    registry.record(heartbeat);
  }

  @Override
  public synchronized void stop() {
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

  /** Starts before the dispatcher and long before the web server, and stops after both. */
  @Override
  public int getPhase() {
    return -100;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
