package dev.farcall.coordinator.worker;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.model.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the registry and its heartbeat listener. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerRegistryProperties.class)
class WorkerConfiguration {

  @Bean
  WorkerRegistry workerRegistry(WorkerRegistryProperties properties, ObjectProvider<Clock> clock) {
    return new WorkerRegistry(properties, clock.getIfAvailable(Clock::systemUTC));
  }

  /** Depends on {@link Topics} so that the heartbeats topic exists before it is read. */
  @Bean
  HeartbeatListener heartbeatListener(
      FarcallKafkaProperties kafka,
      WorkerRegistry registry,
      WorkerRegistryProperties properties,
      Topics topics) {
    return new HeartbeatListener(kafka, registry, properties);
  }
}
