package dev.farcall.coordinator.kafka;

import dev.farcall.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the installation's topics when they are absent: invocations (many partitions), replies,
 * heartbeats (compacted, keyed by worker id), control and run events. Existing topics keep their
 * partition count even when it differs from the configuration; only the heartbeats topic's
 * compaction settings are brought up to date (see {@link #HEARTBEAT_CONFIGS}).
 */
public final class KafkaTopicCreator {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicCreator.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int RUN_EVENT_PARTITIONS = 4;
  private static final long DAY_MILLIS = 24L * 3600 * 1000;

  /**
   * Kafka compacts only rolled segments, and a segment rolls at 1 GiB or after 7 days by default:
   * without these, every heartbeat ever sent stays in the topic's active segment (about 18 MB a day
   * for two workers), and every run driver and restarted coordinator reads all of it before its
   * first call. With a segment a minute and a low dirty ratio, the history a reader catches up on
   * stays about a minute of heartbeats plus one record per worker.
   */
  static final Map<String, String> HEARTBEAT_CONFIGS =
      Map.of(
          TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.SEGMENT_MS_CONFIG, "60000",
          TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
          TopicConfig.DELETE_RETENTION_MS_CONFIG, "60000");

  private KafkaTopicCreator() {}

  /**
   * Creates the missing topics and waits until the broker confirms them.
   *
   * @throws IllegalStateException if the broker cannot be reached or refuses a topic
   */
  public static void createMissingTopics(FarcallKafkaProperties properties) {
    Topics topics = properties.topics();
    short replication = properties.getReplicationFactor();
    List<NewTopic> wanted =
        List.of(
            new NewTopic(topics.invocations(), properties.getInvocationPartitions(), replication),
            new NewTopic(topics.replies(), properties.getReplyPartitions(), replication),
            new NewTopic(topics.heartbeats(), 1, replication).configs(HEARTBEAT_CONFIGS),
            new NewTopic(topics.control(), 1, replication),
            // run drivers' stats and decisions: a day is ample for a coordinator to come back
            new NewTopic(topics.runEvents(), RUN_EVENT_PARTITIONS, replication)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DAY_MILLIS))));
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "farcall-coordinator-admin");
    try (Admin admin = Admin.create(config)) {
      Set<String> existing =
          admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic topic : wanted) {
        if (!existing.contains(topic.name())) {
          missing.add(topic);
        }
      }
      if (existing.contains(topics.heartbeats())) {
        updateHeartbeatConfigs(admin, topics.heartbeats());
      }
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          log.info("Created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          // another coordinator created it meanwhile
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create Kafka topics at " + properties.getBootstrapServers() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }

  /**
   * Brings an existing heartbeats topic (made by an older coordinator) to today's settings. A
   * broker that refuses (no ALTER_CONFIGS permission) leaves the topic as it was: runs then start
   * slower as its history grows, which the warning says.
   */
  private static void updateHeartbeatConfigs(Admin admin, String topic)
      throws InterruptedException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    List<AlterConfigOp> ops =
        HEARTBEAT_CONFIGS.entrySet().stream()
            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), OpType.SET))
            .toList();
    try {
      admin
          .incrementalAlterConfigs(Map.of(resource, ops))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      log.warn(
          "Cannot update the compaction settings of {} to {}: {}; its history grows until they are"
              + " set",
          topic,
          HEARTBEAT_CONFIGS,
          e.getCause().toString());
    }
  }
}
