package dev.farcall.dispatch;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer settings requests are sent with, the same in the coordinator and in drivers. */
public final class InvocationProducers {

  /**
   * Room for a few hundred requests per partition in one produce request (the default 16 KiB holds
   * about 60).
   */
  static final int BATCH_SIZE = 128 * 1024;

  private InvocationProducers() {}

  /**
   * Producer settings for invocation requests.
   *
   * @param acks acknowledgements to wait for ({@code 0}, {@code 1} or {@code all})
   * @param linger how long to wait to batch; zero, so a lone call leaves at once
   */
  public static Properties config(
      String bootstrapServers, String clientId, String acks, Duration linger) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, acks);
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
    // One produce request at a time: a lone call still leaves at once (linger 0), and under load
    // the calls made while a request is out go together in the next one. Several small requests
    // in flight cost the broker, which shares the machine, far more than the wait.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
