package dev.farcall.benchmarks.e2e;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor for Farcall's transport: a raw Kafka request/reply loop (a responder echoes every
 * request record to a reply topic) with the same broker, measured in the same run as Farcall.
 */
public final class RawKafkaRequestReply {

  private final String bootstrap;

  public RawKafkaRequestReply(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** One request at a time: linger 0, acks 1. */
  public Result oneAtATime(int requests) throws Exception {
    return run("raw Kafka request/reply, 1 in flight", requests, 1, 0, 16 * 1024);
  }

  /** Many requests in flight, batched by the producer. */
  Result pipelined(int requests, int inFlight) throws Exception {
    return run(
        "raw Kafka request/reply, " + inFlight + " in flight", requests, inFlight, 5, 64 * 1024);
  }

  private Result run(String name, int requests, int inFlight, int lingerMs, int batchSize)
      throws Exception {
    String prefix = "raw-" + UUID.randomUUID() + ".";
    String requestTopic = prefix + "req";
    String replyTopic = prefix + "rep";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(requestTopic, 4, (short) 1), new NewTopic(replyTopic, 1, (short) 1)))
          .all()
          .get();
    }
    AtomicBoolean running = new AtomicBoolean(true);
    Thread responder =
        new Thread(() -> respond(requestTopic, replyTopic, lingerMs, batchSize, running));
    responder.start();

    Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies(requests);
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(requests);
    Thread replies =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
                TopicPartition tp = new TopicPartition(replyTopic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                while (done.getCount() > 0 && running.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Long start = sentAt.remove(ByteBuffer.wrap(r.value()).getLong());
                    if (start != null) {
                      latencies.add(System.nanoTime() - start);
                      window.release();
                      done.countDown();
                    }
                  }
                }
              }
            });
    replies.start();
    try (KafkaProducer<byte[], byte[]> producer = producer(lingerMs, batchSize)) {
      warmUp(producer, requestTopic, sentAt, window, Math.min(200, requests / 10));
      long started = System.nanoTime();
      for (long i = 0; i < requests; i++) {
        window.acquire();
        byte[] value = ByteBuffer.allocate(16).putLong(i).putLong(0).array();
        sentAt.put(i, System.nanoTime());
        producer.send(new ProducerRecord<>(requestTopic, value));
        if (inFlight == 1) {
          producer.flush();
        }
      }
      producer.flush();
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("raw Kafka replies missing: " + done.getCount());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(
          name, latencies.percentileMicros(50), latencies.percentileMicros(99), requests / seconds);
    } finally {
      running.set(false);
      responder.join();
      replies.join();
    }
  }

  /** Warm-up ids are negative so they never count. */
  private void warmUp(
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      Map<Long, Long> sentAt,
      Semaphore window,
      int count) {
    for (long i = 1; i <= count; i++) {
      producer.send(
          new ProducerRecord<>(topic, ByteBuffer.allocate(16).putLong(-i).putLong(0).array()));
    }
    producer.flush();
  }

  private void respond(
      String requestTopic, String replyTopic, int lingerMs, int batchSize, AtomicBoolean running) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("responder");
        KafkaProducer<byte[], byte[]> producer = producer(lingerMs, batchSize)) {
      consumer.subscribe(List.of(requestTopic));
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(50));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          producer.send(new ProducerRecord<>(replyTopic, 0, null, r.value()));
        }
        if (!records.isEmpty()) {
          if (lingerMs == 0) {
            producer.flush();
          }
          consumer.commitAsync();
        }
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    Map<String, Object> props =
        new java.util.HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000));
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer(int lingerMs, int batchSize) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "1",
            ProducerConfig.LINGER_MS_CONFIG, lingerMs,
            ProducerConfig.BATCH_SIZE_CONFIG, batchSize),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
