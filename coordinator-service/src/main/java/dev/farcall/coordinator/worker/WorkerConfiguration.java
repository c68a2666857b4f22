package dev.farcall.coordinator.worker;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.dispatch.workers.HeartbeatListener;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.model.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the registry and its heartbeat listener. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerRegistryProperties.class)
class WorkerConfiguration {

  @Bean
  WorkerRegistry workerRegistry(WorkerRegistryProperties properties, ObjectProvider<Clock> clock) {
    return new WorkerRegistry(properties.toSettings(), clock.getIfAvailable(Clock::systemUTC));
  }

  /** Depends on {@link Topics} so that the heartbeats topic exists before it is read. */
  @Bean
  HeartbeatListener heartbeatListener(
      FarcallKafkaProperties kafka,
      WorkerRegistry registry,
      WorkerRegistryProperties properties,
      Topics topics) {
    return new HeartbeatListener(
        kafka.getBootstrapServers(),
        topics.heartbeats(),
        "farcall-coordinator-heartbeats",
        registry,
        properties.toSettings());
  }

  /** Starts before the dispatcher and long before the web server, and stops after both. */
  @Bean
  SmartLifecycle heartbeatListenerLifecycle(HeartbeatListener listener) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        listener.start();
      }

      @Override
      public void stop() {
        listener.stop();
      }

      @Override
      public boolean isRunning() {
        return listener.isRunning();
      }

      @Override
      public int getPhase() {
        return -100;
      }
    };
  }
}
