package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.worker.WorkerRegistry;
import dev.farcall.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the dispatcher and the one producer it sends requests with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchProperties.class)
class DispatchConfiguration {

  /** The producer of invocation requests; depends on {@link Topics} so the topics exist. */
  @Bean(destroyMethod = "close")
  KafkaProducer<String, byte[]> invocationProducer(
      FarcallKafkaProperties kafka, DispatchProperties dispatch, Topics topics) {
    return new KafkaProducer<>(producerConfig(kafka.getBootstrapServers(), dispatch));
  }

  @Bean
  Dispatcher dispatcher(
      DispatchProperties properties,
      FarcallKafkaProperties kafka,
      Topics topics,
      WorkerRegistry registry,
      KafkaProducer<String, byte[]> invocationProducer,
      ObjectProvider<Clock> clock,
      MeterRegistry meters) {
    int partitions = invocationProducer.partitionsFor(topics.invocations()).size();
    return new Dispatcher(
        properties,
        topics,
        kafka.getBootstrapServers(),
        partitions,
        registry,
        invocationProducer,
        clock.getIfAvailable(Clock::systemUTC),
        meters);
  }

  /**
   * Room for a few hundred requests per partition in one produce request (the default 16 KiB holds
   * about 60).
   */
  static final int BATCH_SIZE = 128 * 1024;

  /** Producer settings for invocation requests. */
  static Properties producerConfig(String bootstrapServers, DispatchProperties dispatch) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "farcall-coordinator-dispatch");
    config.put(ProducerConfig.ACKS_CONFIG, dispatch.getAcks());
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) dispatch.getLinger().toMillis());
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
