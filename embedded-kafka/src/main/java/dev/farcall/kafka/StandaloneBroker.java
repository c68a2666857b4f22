package dev.farcall.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of the {@code farcall/kafka-embedded} image: a single-node KRaft broker configured
 * from {@code KAFKA_*} environment variables as the official {@code apache/kafka} image is (see
 * {@link BrokerEnvironment}), so the repository's docker-compose file runs either image. It runs
 * until SIGTERM, then shuts down cleanly. Meant for tests and machines without an image registry;
 * use the official image anywhere else.
 */
public final class StandaloneBroker {

  private static final Logger log = LoggerFactory.getLogger(StandaloneBroker.class);

  private StandaloneBroker() {}

  /** Starts the broker and blocks until it has shut down. */
  public static void main(String[] args) throws UnknownHostException {
    Map<String, String> environment = System.getenv();
    Properties settings = BrokerEnvironment.containerDefaults(hostName());
    settings.putAll(BrokerEnvironment.settings(environment));
    String clusterId =
        environment.getOrDefault(BrokerEnvironment.CLUSTER_ID, Uuid.randomUuid().toString());
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startStandalone(settings, clusterId);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
    broker.awaitShutdown();
    log.info("Kafka broker stopped");
  }

  private static String hostName() throws UnknownHostException {
    return InetAddress.getLocalHost().getHostName();
  }
}
