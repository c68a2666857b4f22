package dev.farcall.coordinator.run.driver;

import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the run-events topic on its own thread and hands each event to the runs. Its position is
 * committed under the coordinator's group, so a restarted coordinator goes on where the previous
 * one stopped and misses nothing a driver reported meanwhile. {@link #sync} waits until everything
 * published so far has been read: a run that just ended is recorded with its final stats.
 */
public final class RunEventsListener {

  private static final Logger log = LoggerFactory.getLogger(RunEventsListener.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Properties config;
  private final String topic;
  private final Consumer<RunEvent> sink;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests =
      new ConcurrentLinkedQueue<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  public RunEventsListener(
      String bootstrapServers, String topic, String group, Consumer<RunEvent> sink) {
    this.topic = topic;
    this.sink = sink;
    config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "farcall-coordinator-run-events");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
  }

  /** Assigns every partition at its committed position (the end, the first time) and reads. */
  public synchronized void start() {
    start(Optional.empty());
  }

  /**
   * As {@link #start()}, but first reads again what was published from {@code rereadFrom} on: the
   * events of the runs a restarted coordinator takes over. The previous coordinator held what they
   * said (stats, decisions, remote calls) only in memory and committed its position past them; a
   * driver that ended just before that coordinator died sends nothing more, so without them its run
   * would be recorded with no stats. Events of other runs read again change nothing.
   */
  public synchronized void start(Optional<Instant> rereadFrom) {
    if (running) {
      return;
    }
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    c.assign(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed =
        c.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(30));
    for (TopicPartition p : partitions) {
      OffsetAndMetadata at = committed.get(p);
      if (at == null) {
        c.seekToEnd(List.of(p));
        c.position(p, Duration.ofSeconds(30));
      } else {
        c.seek(p, at.offset());
      }
    }
    rereadFrom.ifPresent(from -> rewind(c, partitions, from));
    consumer = c;
    running = true;
    thread = new Thread(this::run, "farcall-run-events");
    thread.setDaemon(true);
    thread.start();
  }

  private static void rewind(
      KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Instant from) {
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(p -> at.put(p, from.toEpochMilli()));
    c.offsetsForTimes(at, Duration.ofSeconds(30))
        .forEach(
            (p, found) -> {
              // null: nothing was published there since; the committed position is right
              if (found != null && found.offset() < c.position(p, Duration.ofSeconds(30))) {
                c.seek(p, found.offset());
              }
            });
    log.info("Reading the run events again from {} for the runs taken over", from);
  }

  private void run() {
    KafkaConsumer<String, byte[]> c = consumer;
    ArrayDeque<Sync> waiting = new ArrayDeque<>();
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
          accept(record);
        }
        CompletableFuture<Void> request;
        while ((request = syncRequests.poll()) != null) {
          waiting.add(new Sync(c.endOffsets(c.assignment(), Duration.ofSeconds(10)), request));
        }
        waiting.removeIf(s -> s.completeIfReached(c));
        commit(c);
      }
    } catch (WakeupException e) {
      // stop() asked us to end
    } catch (RuntimeException e) {
      log.error("Run events listener stopped by an unexpected error", e);
    } finally {
      waiting.forEach(s -> s.future.complete(null));
      syncRequests.forEach(f -> f.complete(null));
      try {
        commit(c);
      } catch (RuntimeException ignored) {
        // the next coordinator reads a few events twice; they are idempotent
      }
      c.close(Duration.ofSeconds(1));
    }
  }

  private record Sync(Map<TopicPartition, Long> ends, CompletableFuture<Void> future) {
    boolean completeIfReached(KafkaConsumer<String, byte[]> c) {
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        if (c.position(end.getKey()) < end.getValue()) {
          return false;
        }
      }
      future.complete(null);
      return true;
    }
  }

  private void commit(KafkaConsumer<String, byte[]> c) {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (TopicPartition p : c.assignment()) {
      positions.put(p, new OffsetAndMetadata(c.position(p)));
    }
    c.commitAsync(positions, null);
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    RunEvent event;
    try {
      event = WireFormat.RUN_EVENTS.decode(record.value());
    } catch (PayloadException e) {
      log.warn(
          "Skipping malformed run event at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      log.error("Failed to handle run event {} of {}", event.getKind(), event.getRunId(), e);
    }
  }

  /** Completes once every event published before this call has been handed over. */
  public CompletableFuture<Void> sync() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!running) {
      f.complete(null);
      return f;
    }
    syncRequests.add(f);
    return f;
  }

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

  public boolean isRunning() {
    return running;
  }
}
