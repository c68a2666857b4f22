package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.kafka.SharedBroker;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventKind;
import dev.farcall.model.wire.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restarted coordinator's listener goes on from the position its predecessor committed, and reads
 * again, from a given instant, what its predecessor had read already: the events of the runs it
 * takes over, which that predecessor held only in memory.
 */
class RunEventsListenerTests {

  /** Loaded first: it tells Avro to trust the wire records, which the builders below load. */
  private static final WireFormat<RunEvent> FORMAT = WireFormat.RUN_EVENTS;

  private final String topic = "t" + UUID.randomUUID() + ".run-events";
  private final String group = topic + ".coordinator";

  @BeforeEach
  void createTopic() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
  }

  @Test
  void aRestartedListenerReadsAgainTheEventsPublishedSinceTheInstantItIsGiven() throws Exception {
    Instant beforeTheRun = Instant.now();
    List<RunEvent> first = new CopyOnWriteArrayList<>();
    RunEventsListener predecessor =
        new RunEventsListener(SharedBroker.bootstrapServers(), topic, group, first::add);
    predecessor.start();
    try {
      publish(event("run-a", 1, RunEventKind.STARTED), event("run-a", 2, RunEventKind.ENDING));
      predecessor.sync().get(30, TimeUnit.SECONDS);
    } finally {
      predecessor.stop();
    }
    assertThat(first).extracting(RunEvent::getSequence).containsExactly(1L, 2L);

    // the predecessor committed past both: a plain restart sees neither again ...
    assertThat(readAll(Optional.empty(), 0)).isEmpty();
    // ... a restart that takes run-a over reads them again, in order
    assertThat(readAll(Optional.of(beforeTheRun), 2))
        .extracting(RunEvent::getRunId, RunEvent::getSequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("run-a", 1L),
            org.assertj.core.groups.Tuple.tuple("run-a", 2L));
    // and an instant after the last event changes nothing
    assertThat(readAll(Optional.of(Instant.now().plusSeconds(60)), 0)).isEmpty();
  }

  @Test
  void aFirstStartBeginsAtTheEndAndStillReadsWhatComesAfter() throws Exception {
    publish(event("run-old", 1, RunEventKind.STARTED));
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    RunEventsListener listener =
        new RunEventsListener(SharedBroker.bootstrapServers(), topic, group, seen::add);
    listener.start();
    try {
      publish(event("run-new", 1, RunEventKind.STARTED));
      listener.sync().get(30, TimeUnit.SECONDS);
    } finally {
      listener.stop();
    }
    assertThat(seen).extracting(RunEvent::getRunId).containsExactly("run-new");
  }

  /**
   * Starts a listener of the group, waits until it has read {@code expected} events and everything
   * published so far, and stops it (its position committed).
   */
  private List<RunEvent> readAll(Optional<Instant> rereadFrom, int expected) throws Exception {
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    RunEventsListener listener =
        new RunEventsListener(SharedBroker.bootstrapServers(), topic, group, seen::add);
    listener.start(rereadFrom);
    try {
      listener.sync().get(30, TimeUnit.SECONDS);
      org.awaitility.Awaitility.await().until(() -> seen.size() >= expected);
    } finally {
      listener.stop();
    }
    return List.copyOf(seen);
  }

  private void publish(RunEvent... events) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      for (RunEvent e : events) {
        producer
            .send(new ProducerRecord<>(topic, e.getRunId(), FORMAT.encode(e)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static RunEvent event(String runId, long sequence, RunEventKind kind) {
    return RunEvent.newBuilder()
        .setRunId(runId)
        .setSequence(sequence)
        .setSentEpochMillis(System.currentTimeMillis())
        .setKind(kind)
        .build();
  }
}
