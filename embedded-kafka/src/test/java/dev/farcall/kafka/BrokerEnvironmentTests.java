package dev.farcall.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerEnvironmentTests {

  @Test
  void kafkaVariablesBecomeBrokerSettingsByTheApacheKafkaImagesRules() {
    assertThat(BrokerEnvironment.propertyName("KAFKA_ADVERTISED_LISTENERS"))
        .isEqualTo("advertised.listeners");
    assertThat(BrokerEnvironment.propertyName("KAFKA_LOG_DIRS")).isEqualTo("log.dirs");
    assertThat(BrokerEnvironment.propertyName("KAFKA_LISTENER_NAME_INTERNAL__SSL___PROTOCOL"))
        .isEqualTo("listener.name.internal_ssl-protocol");
  }

  @Test
  void settingsKeepOnlyBrokerSettingsAndLeaveJvmAndOtherVariablesOut() {
    Map<String, String> environment =
        Map.of(
            "KAFKA_NODE_ID", "1",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false",
            "KAFKA_HEAP_OPTS", "-Xmx512m",
            "KAFKA_OPTS", "-Dx=y",
            "CLUSTER_ID", "abc",
            "PATH", "/usr/bin");

    assertThat(BrokerEnvironment.settings(environment))
        .containsOnly(Map.entry("node.id", "1"), Map.entry("auto.create.topics.enable", "false"));
  }

  @Test
  void containerDefaultsAdvertiseTheHostNameAndKeepLogsInTheImagesVolume() {
    assertThat(BrokerEnvironment.containerDefaults("kafka"))
        .containsEntry("advertised.listeners", "PLAINTEXT://kafka:9092")
        .containsEntry("listeners", "PLAINTEXT://:9092,CONTROLLER://:9093")
        .containsEntry("log.dirs", "/var/lib/kafka/data");
  }
}
