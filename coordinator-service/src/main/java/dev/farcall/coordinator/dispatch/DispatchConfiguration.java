package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.DispatchChannels;
import dev.farcall.dispatch.InvocationProducers;
import dev.farcall.dispatch.ReplyAddress;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the coordinator's dispatcher (the dispatch core, for REST invocations) and the one producer
 * it sends requests with. Its replies come on the shared replies topic; every run driver has a
 * reply topic of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchProperties.class)
class DispatchConfiguration {

  /** The producer of invocation requests; depends on {@link Topics} so the topics exist. */
  @Bean(destroyMethod = "close")
  KafkaProducer<String, byte[]> invocationProducer(
      FarcallKafkaProperties kafka, DispatchProperties dispatch, Topics topics) {
    return new KafkaProducer<>(
        InvocationProducers.config(
            kafka.getBootstrapServers(),
            "farcall-coordinator-dispatch",
            dispatch.getAcks(),
            dispatch.getLinger()));
  }

  @Bean
  CallDispatcher dispatcher(
      DispatchProperties properties,
      FarcallKafkaProperties kafka,
      Topics topics,
      WorkerRegistry registry,
      KafkaProducer<String, byte[]> invocationProducer,
      ObjectProvider<Clock> clock,
      MeterRegistry meters) {
    int partitions = invocationProducer.partitionsFor(topics.invocations()).size();
    DispatchChannels channels =
        new DispatchChannels(
            invocationProducer,
            topics.invocations(),
            partitions,
            kafka.getBootstrapServers(),
            ReplyAddress.shared(topics.replies(), -1),
            "farcall-coordinator");
    MicrometerDispatchListener listener = new MicrometerDispatchListener(meters);
    CallDispatcher dispatcher =
        new CallDispatcher(
            properties.toSettings(),
            channels,
            registry,
            clock.getIfAvailable(Clock::systemUTC),
            listener);
    listener.gaugePending(dispatcher::pendingCount);
    return dispatcher;
  }

  /**
   * Starts the dispatcher before the web server accepts requests and stops it after the server
   * stopped, so no request sees a dispatcher that is not running.
   */
  @Bean
  SmartLifecycle dispatcherLifecycle(CallDispatcher dispatcher) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        dispatcher.start();
      }

      @Override
      public void stop() {
        dispatcher.stop();
      }

      @Override
      public boolean isRunning() {
        return dispatcher.isRunning();
      }

      @Override
      public int getPhase() {
        return 0;
      }
    };
  }
}
