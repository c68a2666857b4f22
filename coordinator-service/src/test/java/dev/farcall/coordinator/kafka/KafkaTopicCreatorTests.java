package dev.farcall.coordinator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.kafka.SharedBroker;
import dev.farcall.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class KafkaTopicCreatorTests {

  @Test
  void createsMissingTopicsWithConfiguredLayoutAndLeavesExistingOnes() throws Exception {
    FarcallKafkaProperties properties = new FarcallKafkaProperties();
    properties.setBootstrapServers(SharedBroker.bootstrapServers());
    properties.setTopicPrefix("t" + UUID.randomUUID() + ".");
    properties.setInvocationPartitions(5);
    properties.setReplyPartitions(2);
    Topics topics = properties.topics();

    KafkaTopicCreator.createMissingTopics(properties);
    KafkaTopicCreator.createMissingTopics(properties); // a restart finds them present

    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers()))) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(
                  List.of(
                      topics.invocations(),
                      topics.replies(),
                      topics.heartbeats(),
                      topics.control()))
              .allTopicNames()
              .get();
      assertThat(described.get(topics.invocations()).partitions()).hasSize(5);
      assertThat(described.get(topics.replies()).partitions()).hasSize(2);
      assertThat(described.get(topics.heartbeats()).partitions()).hasSize(1);
      assertThat(described.get(topics.control()).partitions()).hasSize(1);
      ConfigResource heartbeats =
          new ConfigResource(ConfigResource.Type.TOPIC, topics.heartbeats());
      String policy =
          admin
              .describeConfigs(List.of(heartbeats))
              .all()
              .get()
              .get(heartbeats)
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();
      assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(configs(admin, topics.heartbeats()))
          .containsAllEntriesOf(KafkaTopicCreator.HEARTBEAT_CONFIGS);
    }
  }

  /**
   * A heartbeats topic made by an older coordinator (compacted, but with the default week-long
   * segments, so nothing was ever compacted) gets short segments when a coordinator starts: drivers
   * read its whole history before their first call.
   */
  @Test
  void anExistingHeartbeatsTopicGetsTheSegmentsThatLetItBeCompacted() throws Exception {
    FarcallKafkaProperties properties = new FarcallKafkaProperties();
    properties.setBootstrapServers(SharedBroker.bootstrapServers());
    properties.setTopicPrefix("t" + UUID.randomUUID() + ".");
    String heartbeats = properties.topics().heartbeats();
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(heartbeats, 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
      assertThat(configs(admin, heartbeats).get(TopicConfig.SEGMENT_MS_CONFIG))
          .isEqualTo(String.valueOf(7L * 24 * 3600 * 1000));

      KafkaTopicCreator.createMissingTopics(properties);

      assertThat(configs(admin, heartbeats))
          .containsAllEntriesOf(KafkaTopicCreator.HEARTBEAT_CONFIGS);
    }
  }

  private static Map<String, String> configs(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    Map<String, String> values = new java.util.HashMap<>();
    for (ConfigEntry entry : config.entries()) {
      values.put(entry.name(), entry.value());
    }
    return values;
  }
}
