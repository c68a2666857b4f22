package dev.farcall.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records what is produced to one topic from now on, as the wire carries it, without joining any
 * consumer group (so the services' own consumers are not disturbed). Used to see which worker a
 * request was sent to, with which attempt, and how many replies a call got.
 *
 * @param <T> what each record is turned into
 */
final class TopicTap<T> implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<ConsumerRecord<byte[], byte[]>, List<T>> decode;
  private final List<T> seen = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean closing;

  /**
   * Starts tapping {@code topic} at its current end.
   *
   * @param decode what a record holds (a request may carry several calls)
   */
  TopicTap(
      String bootstrapServers,
      String topic,
      Function<ConsumerRecord<byte[], byte[]>, List<T>> decode) {
    this.decode = decode;
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_uncommitted",
                // a tap of a run's reply topic outlives the run: a fetch of the deleted topic
                // must not bring it back, even from a broker that creates topics on demand
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end offsets now, so that nothing produced after this constructor is missed.
    partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
    poller = new Thread(this::poll, "tap-" + topic);
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    try {
      while (!closing) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.addAll(decode.apply(r));
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** What was seen so far. */
  List<T> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    consumer.wakeup();
    poller.join(10_000);
  }
}
