package dev.farcall.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
    create(SharedBroker.bootstrapServers(), topic);
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
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, false)) {
      create(broker.bootstrapServers(), topic);
    }
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

  @Test
  void standaloneBrokerConfiguredLikeTheApacheKafkaImageFormatsWithItsClusterIdAndServes(
      @TempDir Path dir) throws Exception {
    int port = freePort();
    int controller = freePort();
    Map<String, String> environment =
        Map.of(
            "KAFKA_LISTENERS",
            "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
            "KAFKA_ADVERTISED_LISTENERS",
            "PLAINTEXT://127.0.0.1:" + port,
            "KAFKA_CONTROLLER_QUORUM_VOTERS",
            "1@127.0.0.1:" + controller,
            "KAFKA_LOG_DIRS",
            dir.resolve("data").toString(),
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE",
            "false");
    String clusterId = "dLn3vXCvS1e9fBxz2c7FgQ";

    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.startStandalone(
                BrokerEnvironment.settings(environment), clusterId);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isEqualTo(clusterId);
      admin.createTopics(List.of(new NewTopic("made", 3, (short) 1))).all().get();
      assertThat(admin.listTopics().names().get()).contains("made");
    }
    assertThat(Files.exists(dir.resolve("data").resolve("meta.properties")))
        .as("kept: the volume of a container")
        .isTrue();
  }

  @Test
  void aTopicNobodyCreatedIsNotCreatedByAProducerSendingToIt() throws Exception {
    String topic = "gone-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedBroker.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    2000),
                new StringSerializer(),
                new StringSerializer());
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "late")).get())
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
          .hasMessageContaining("not present in metadata");
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
    }
  }

  private static void create(String bootstrap, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
