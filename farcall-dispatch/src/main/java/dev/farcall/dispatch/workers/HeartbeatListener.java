package dev.farcall.dispatch.workers;

import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Feeds a registry from the heartbeats topic on its own thread: reads every partition from the
 * beginning without a consumer group (the topic is compacted, so the history is each worker's last
 * heartbeat), skips malformed records, and re-judges the workers every {@code checkInterval}.
 * {@link #awaitCaughtUp} tells when the history as it was at start has been read, so that a
 * dispatcher started in a new process knows the live workers before its first call.
 */
public final class HeartbeatListener {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatListener.class);

  private final String bootstrapServers;
  private final String topic;
  private final String clientId;
  private final WorkerRegistry registry;
  private final Duration checkInterval;
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  /**
   * @param topic the heartbeats topic
   * @param clientId names the consumer in the broker's logs
   */
  public HeartbeatListener(
      String bootstrapServers,
      String topic,
      String clientId,
      WorkerRegistry registry,
      RegistrySettings settings) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientId = clientId;
    this.registry = registry;
    this.checkInterval = settings.checkInterval();
  }

  /** Assigns the topic's partitions and starts reading; returns without waiting for history. */
  public synchronized void start() {
    if (running) {
      return;
    }
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
    consumer = c;
    running = true;
    thread = new Thread(() -> run(ends), "farcall-heartbeats");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Map<TopicPartition, Long> historyEnds) {
    KafkaConsumer<String, byte[]> c = consumer;
    long nextCheck = 0;
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(checkInterval)) {
          accept(record);
        }
        if (!caughtUp.isDone() && readPast(c, historyEnds)) {
          registry.evaluate();
          caughtUp.complete(null);
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
      caughtUp.complete(null); // nobody waits for a listener that stopped
      c.close(Duration.ofSeconds(1));
    }
  }

  private static boolean readPast(
      KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> historyEnds) {
    for (Map.Entry<TopicPartition, Long> end : historyEnds.entrySet()) {
      if (c.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
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

  /**
   * Waits until the heartbeats published before {@link #start()} have been read (or the listener
   * stopped).
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean awaitCaughtUp(Duration timeout) {
    try {
      caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }

  /** Stops reading. */
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

  /** Whether it reads. */
  public boolean isRunning() {
    return running;
  }
}
