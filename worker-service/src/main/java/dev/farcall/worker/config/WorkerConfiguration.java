package dev.farcall.worker.config;

import dev.farcall.model.Topics;
import dev.farcall.worker.heartbeat.HeartbeatPublisher;
import dev.farcall.worker.heartbeat.WorkerStatus;
import dev.farcall.worker.invoke.CallExecutor;
import dev.farcall.worker.invoke.ExecutionSlots;
import dev.farcall.worker.invoke.ProgramRegistry;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.jar.CoordinatorJarClient;
import dev.farcall.worker.jar.JarCache;
import dev.farcall.worker.kafka.InvocationConsumer;
import dev.farcall.worker.kafka.KafkaClients;
import dev.farcall.worker.kafka.ReplyTopics;
import dev.farcall.worker.objects.ObjectTable;
import dev.farcall.worker.objects.OwnerRunSweeper;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the worker: Kafka clients, jar cache, program registry, slots, consumer, heartbeats. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, FarcallKafkaProperties.class})
public class WorkerConfiguration {

  /** Version reported in heartbeats when the jar's manifest does not name one. */
  static final String UNKNOWN_VERSION = "dev";

  @Bean
  Clock workerClock() {
    return Clock.systemUTC();
  }

  @Bean
  Topics workerTopics(FarcallKafkaProperties kafka) {
    return kafka.topics();
  }

  @Bean
  KafkaClients kafkaClients(FarcallKafkaProperties kafka) {
    return new KafkaClients(kafka);
  }

  @Bean(destroyMethod = "close")
  KafkaProducer<String, byte[]> workerProducer(KafkaClients clients, WorkerProperties worker) {
    return clients.newProducer(worker.getId());
  }

  @Bean
  CoordinatorJarClient coordinatorJarClient(
      WorkerProperties worker,
      CircuitBreakerFactory<?, ?> circuitBreakers,
      ObjectProvider<RetryRegistry> retries) {
    RetryRegistry registry = retries.getIfAvailable(RetryRegistry::ofDefaults);
    Retry retry = registry.retry(CoordinatorJarClient.RESILIENCE_ID);
    return new CoordinatorJarClient(
        worker, circuitBreakers.create(CoordinatorJarClient.RESILIENCE_ID), retry);
  }

  @Bean
  JarCache jarCache(WorkerProperties worker, CoordinatorJarClient client) {
    return new JarCache(worker.getCacheDir(), client);
  }

  @Bean
  ProgramRegistry programRegistry(JarCache jars, WorkerProperties worker) {
    return new ProgramRegistry(jars, worker.getMaxLoadedPrograms());
  }

  @Bean
  WorkerMetrics workerMetrics(MeterRegistry registry) {
    return new WorkerMetrics(registry);
  }

  @Bean(destroyMethod = "close")
  ExecutionSlots executionSlots(WorkerProperties worker, WorkerMetrics metrics) {
    return new ExecutionSlots(worker.getSlots(), metrics);
  }

  @Bean
  CallExecutor callExecutor(
      ProgramRegistry programs, WorkerMetrics metrics, WorkerProperties worker, Clock clock) {
    return new CallExecutor(
        programs,
        metrics,
        worker.getId(),
        clock,
        (int) Math.min(Integer.MAX_VALUE, worker.getMaxResultSize().toBytes()));
  }

  /** The threads remote objects' calls run on (one object's calls never run concurrently). */
  @Bean(destroyMethod = "shutdown")
  ExecutorService objectThreads(WorkerProperties worker) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        Math.max(1, worker.getSlots()),
        r -> {
          Thread t = new Thread(r, "farcall-object-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  ObjectTable objectTable(
      CallExecutor executor, ExecutorService objectThreads, WorkerProperties worker) {
    return new ObjectTable(executor, objectThreads, worker.objectLimits());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  ReplyTopics replyTopics(KafkaClients clients, WorkerProperties worker) {
    return new ReplyTopics(clients.newAdmin(worker.getId()), worker.getReplyTopicCheckInterval());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  OwnerRunSweeper ownerRunSweeper(
      ObjectTable objects, ReplyTopics replyTopics, WorkerProperties worker) {
    return new OwnerRunSweeper(objects, replyTopics, worker.getOwnerSweepInterval());
  }

  @Bean
  WorkerStatus workerStatus() {
    return new WorkerStatus();
  }

  @Bean
  InvocationConsumer invocationConsumer(
      KafkaClients clients,
      KafkaProducer<String, byte[]> producer,
      ReplyTopics replyTopics,
      Topics topics,
      WorkerProperties worker,
      FarcallKafkaProperties kafka,
      ExecutionSlots slots,
      CallExecutor executor,
      ObjectTable objects,
      WorkerStatus status,
      WorkerMetrics metrics) {
    return new InvocationConsumer(
        new InvocationConsumer.Kafka(clients, producer, topics.invocations(), replyTopics),
        worker.getId(),
        new InvocationConsumer.Execution(slots, executor, objects),
        status,
        metrics,
        new InvocationConsumer.Tuning(
            kafka.getConsumer().getPollTimeout(),
            kafka.getConsumer().getCommitInterval(),
            kafka.getConsumer().getMaxPollRecords(),
            worker.getDrainTimeout()));
  }

  @Bean
  HeartbeatPublisher heartbeatPublisher(
      KafkaProducer<String, byte[]> producer,
      Topics topics,
      WorkerProperties worker,
      WorkerStatus status,
      WorkerMetrics metrics,
      JarCache jars,
      Clock clock) {
    String version =
        Optional.ofNullable(WorkerConfiguration.class.getPackage().getImplementationVersion())
            .orElse(UNKNOWN_VERSION);
    HeartbeatPublisher.Identity identity =
        new HeartbeatPublisher.Identity(
            worker.getId(),
            WorkerProperties.hostName(),
            worker.getSlots(),
            worker.getHeartbeatInterval(),
            version);
    return new HeartbeatPublisher(
        producer, topics.heartbeats(), identity, status, metrics, jars, clock);
  }
}
