package dev.farcall.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Broker settings from environment variables, by the convention of the official {@code
 * apache/kafka} image, so that one docker-compose service configures either image: {@code
 * KAFKA_ADVERTISED_LISTENERS} is {@code advertised.listeners}; after the {@code KAFKA_} prefix is
 * dropped and the rest lower-cased, {@code ___} stands for a dash, {@code __} for an underscore and
 * {@code _} for a dot. Variables that configure the JVM or logging rather than the broker ({@code
 * KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, ...) are not settings.
 */
public final class BrokerEnvironment {

  /** The variable that names the cluster id used when the log directories are first formatted. */
  public static final String CLUSTER_ID = "CLUSTER_ID";

  private static final String PREFIX = "KAFKA_";

  /** The apache/kafka image's list of KAFKA_ variables that are not broker settings. */
  private static final Set<String> NOT_SETTINGS =
      Set.of(
          "KAFKA_VERSION",
          "KAFKA_HEAP_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_LOG4J_ROOT_LOGLEVEL",
          "KAFKA_LOG4J_LOGGERS",
          "KAFKA_TOOLS_LOG4J_LOGLEVEL",
          "KAFKA_JMX_HOSTNAME");

  private BrokerEnvironment() {}

  /**
   * Defaults of a broker in a container when the environment says nothing: one combined node
   * listening on every interface (9092 for clients, 9093 for its controller), advertised under the
   * container's host name, logs in {@code /var/lib/kafka/data} (the volume of the image).
   */
  public static Properties containerDefaults(String hostName) {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            "listeners", "PLAINTEXT://:9092,CONTROLLER://:9093",
            "advertised.listeners", "PLAINTEXT://" + hostName + ":9092",
            "controller.quorum.voters", "1@localhost:9093",
            "log.dirs", "/var/lib/kafka/data"));
    return p;
  }

  /** The broker settings among {@code environment}'s variables. */
  public static Properties settings(Map<String, String> environment) {
    Properties settings = new Properties();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX) && !NOT_SETTINGS.contains(name)) {
            settings.setProperty(propertyName(name), value);
          }
        });
    return settings;
  }

  /** {@code KAFKA_LOG_DIRS} → {@code log.dirs}, {@code KAFKA_A___B__C_D} → {@code a-b_c.d}. */
  static String propertyName(String variable) {
    return variable
        .substring(PREFIX.length())
        .toLowerCase(Locale.ROOT)
        .replace("___", "-")
        .replace("__", "\u0000")
        .replace('_', '.')
        .replace('\u0000', '_');
  }
}
