package dev.farcall.coordinator.kafka;

import dev.farcall.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the coordinator reaches Kafka and how its topics are laid out. */
@ConfigurationProperties("farcall.kafka")
public class FarcallKafkaProperties {

  /** Default of {@link #getBootstrapServers()}. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** Default of {@link #getInvocationPartitions()}. */
  public static final int DEFAULT_INVOCATION_PARTITIONS = 12;

  /** Default of {@link #getReplyPartitions()}. */
  public static final int DEFAULT_REPLY_PARTITIONS = 3;

  /** Default of {@link #getReplicationFactor()}. */
  public static final short DEFAULT_REPLICATION_FACTOR = 1;

  /** Comma-separated host:port pairs of the Kafka brokers. */
  private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;

  /** Prefix of every topic name, so several installations can share one broker. */
  private String topicPrefix = Topics.DEFAULT_PREFIX;

  /**
   * Partitions of the invocations topic when the coordinator creates it; bounds how many workers
   * can consume at once.
   */
  private int invocationPartitions = DEFAULT_INVOCATION_PARTITIONS;

  /** Partitions of the replies topic when the coordinator creates it. */
  private int replyPartitions = DEFAULT_REPLY_PARTITIONS;

  /** Replication factor of every topic the coordinator creates. */
  private short replicationFactor = DEFAULT_REPLICATION_FACTOR;

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getTopicPrefix() {
    return topicPrefix;
  }

  public void setTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  public int getInvocationPartitions() {
    return invocationPartitions;
  }

  public void setInvocationPartitions(int invocationPartitions) {
    this.invocationPartitions = invocationPartitions;
  }

  public int getReplyPartitions() {
    return replyPartitions;
  }

  public void setReplyPartitions(int replyPartitions) {
    this.replyPartitions = replyPartitions;
  }

  public short getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(short replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  /** The topic names for the configured prefix. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }
}
