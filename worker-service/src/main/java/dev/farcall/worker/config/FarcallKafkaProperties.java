package dev.farcall.worker.config;

import dev.farcall.model.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the worker reaches Kafka and how its consumer and producer behave. */
@ConfigurationProperties("farcall.kafka")
public class FarcallKafkaProperties {

  /** Default bootstrap servers. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** Default session timeout: short, so a dead worker's partitions move quickly. */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(6);

  /** Default consumer heartbeat interval, a quarter of the session timeout. */
  public static final Duration DEFAULT_CONSUMER_HEARTBEAT_INTERVAL = Duration.ofMillis(1500);

  /** Default longest wait of one poll. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);

  /** Default most records returned by one poll. */
  public static final int DEFAULT_MAX_POLL_RECORDS = 64;

  /** Default longest time between two commits of finished offsets while records keep finishing. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

  /** Default producer linger. */
  public static final Duration DEFAULT_LINGER = Duration.ZERO;

  /** Default upper bound on a reply's delivery, retries included. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** Comma-separated host:port list of Kafka brokers. */
  private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;

  /** Prefix of every Farcall topic and of the workers' consumer group. */
  private String topicPrefix = Topics.DEFAULT_PREFIX;

  /** Consumer settings. */
  private final Consumer consumer = new Consumer();

  /** Producer settings. */
  private final Producer producer = new Producer();

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

  public Consumer getConsumer() {
    return consumer;
  }

  public Producer getProducer() {
    return producer;
  }

  /** The topic names derived from the prefix. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** Settings of the invocations consumer. */
  public static class Consumer {

    /** Time without consumer heartbeats after which the group gives a worker's partitions away. */
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;

    /** Interval of the consumer's group heartbeats (not the worker heartbeats). */
    private Duration heartbeatInterval = DEFAULT_CONSUMER_HEARTBEAT_INTERVAL;

    /** Longest wait of one poll; bounds how fast the poll loop reacts to shutdown. */
    private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;

    /**
     * Most records one poll returns; records beyond the free slots wait in memory, and fetching
     * pauses while this many calls wait.
     */
    private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;

    /**
     * How often offsets of answered records are committed (always only after their replies were
     * acknowledged). Committing per record would cost the broker a write per call and, under load,
     * fail with retriable errors; a crash re-runs at most this long's worth of answered calls,
     * which is safe because only effect-free methods are invoked remotely.
     */
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;

    public Duration getSessionTimeout() {
      return sessionTimeout;
    }

    public void setSessionTimeout(Duration sessionTimeout) {
      this.sessionTimeout = sessionTimeout;
    }

    public Duration getHeartbeatInterval() {
      return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getPollTimeout() {
      return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
    }

    public int getMaxPollRecords() {
      return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
      this.maxPollRecords = maxPollRecords;
    }

    public Duration getCommitInterval() {
      return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
      this.commitInterval = commitInterval;
    }
  }

  /** Settings of the producer of replies and heartbeats. */
  public static class Producer {

    /** How long the producer waits to batch records before sending. */
    private Duration linger = DEFAULT_LINGER;

    /** Upper bound on the delivery of one record, retries included. */
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;

    public Duration getLinger() {
      return linger;
    }

    public void setLinger(Duration linger) {
      this.linger = linger;
    }

    public Duration getDeliveryTimeout() {
      return deliveryTimeout;
    }

    public void setDeliveryTimeout(Duration deliveryTimeout) {
      this.deliveryTimeout = deliveryTimeout;
    }
  }
}
