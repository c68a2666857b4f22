package dev.farcall.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTests {

  @Test
  void producedRecordIsConsumedThroughTheSharedBroker() throws Exception {
    String topic = "t-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
    }
    assertThat(consumeOne(SharedBroker.bootstrapServers(), topic)).isEqualTo("hello");
  }

  @Test
  void brokerRestartedOnTheSameLogDirKeepsRecords(@TempDir Path dir) throws Exception {
    Path logDir = dir.resolve("kafka");
    String topic = "durable";
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, false);
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "kept")).get();
    }
    assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(logDir, 0, true)) {
      assertThat(consumeOne(again.bootstrapServers(), topic)).isEqualTo("kept");
    }
    assertThat(Files.exists(logDir)).isFalse();
  }

  private static String consumeOne(String bootstrap, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "g-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          return records.iterator().next().value();
        }
      }
      return null;
    }
  }
}
