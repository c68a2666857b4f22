package dev.farcall.dispatch;

import dev.farcall.model.Topics;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A scripted stand-in for a worker: consumes the invocations topic in the workers' group, sends
 * heartbeats with the partitions it owns, and answers every call with what its {@link Responder}
 * says, after an optional delay and as many times as asked. It can "die": stop heartbeats, replies
 * and polling without leaving the group.
 */
public final class FakeWorker implements AutoCloseable {

  /** What a fake worker answers to one call. */
  @FunctionalInterface
  public interface Responder {
    /** The reply to send (the fake fills in ids, attempt and worker id), or null for none. */
    InvocationResult.Builder respond(InvocationRequest request, Call call);
  }

  /** Echoes the call's argument bytes as the returned payload. */
  public static final Responder ECHO =
      (request, call) ->
          InvocationResult.newBuilder()
              .setOutcome(new ReturnedValue(call.getArguments().duplicate()));

  /** Answers with a returned payload. */
  public static InvocationResult.Builder returned(byte[] payload) {
    return InvocationResult.newBuilder().setOutcome(new ReturnedValue(ByteBuffer.wrap(payload)));
  }

  /** Answers with a thrown exception. */
  public static InvocationResult.Builder threw(String className, String message) {
    return InvocationResult.newBuilder()
        .setOutcome(
            ThrownException.newBuilder()
                .setClassName(className)
                .setMessage(message)
                .setStackTrace(List.of("example.Main.f(Main.java:1)"))
                .build());
  }

  private final String id;
  private final Topics topics;
  private final int slots;
  private final Duration heartbeatInterval;
  private final Duration delay;
  private final int copies;
  private final Responder responder;
  private final boolean hold;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService scheduler;
  private final Thread poller;
  private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong replied = new AtomicLong();
  private volatile boolean heartbeating;
  private volatile boolean dead;
  private volatile boolean closed;

  private FakeWorker(Builder b) {
    this.id = b.id;
    this.topics = b.topics;
    this.slots = b.slots;
    this.heartbeatInterval = b.heartbeatInterval;
    this.delay = b.delay;
    this.copies = b.copies;
    this.responder = b.responder;
    this.hold = b.hold;
    this.heartbeating = b.heartbeating;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, topics.workerGroup());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "fake-" + id);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(c);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(p);
    scheduler = Executors.newScheduledThreadPool(2);
    poller = new Thread(this::poll, "fake-worker-" + id);
    poller.setDaemon(true);
  }

  /** A fake worker with the given id. */
  public static Builder builder(String bootstrapServers, Topics topics, String id) {
    return new Builder(bootstrapServers, topics, id);
  }

  /** Builds fake workers. */
  public static final class Builder {
    private final String bootstrapServers;
    private final Topics topics;
    private final String id;
    private int slots = 4;
    private Duration heartbeatInterval = Duration.ofMillis(100);
    private Duration delay = Duration.ZERO;
    private int copies = 1;
    private Responder responder = ECHO;
    private boolean hold;
    private boolean heartbeating = true;

    private Builder(String bootstrapServers, Topics topics, String id) {
      this.bootstrapServers = bootstrapServers;
      this.topics = topics;
      this.id = id;
    }

    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    /** Waits this long before replying. */
    public Builder delay(Duration delay) {
      this.delay = delay;
      return this;
    }

    /** Sends every reply {@code times} times. */
    public Builder replyTimes(int times) {
      this.copies = times;
      return this;
    }

    public Builder responder(Responder responder) {
      this.responder = responder;
      return this;
    }

    /** Receives calls but never answers them (a worker about to hang or die). */
    public Builder holdReplies() {
      this.hold = true;
      return this;
    }

    /** Joins the group but sends no heartbeats until {@link FakeWorker#startHeartbeats()}. */
    public Builder mute() {
      this.heartbeating = false;
      return this;
    }

    public FakeWorker start() {
      FakeWorker worker = new FakeWorker(this);
      worker.begin();
      return worker;
    }
  }

  private void begin() {
    consumer.subscribe(
        List.of(topics.invocations()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> assigned.remove(tp.partition()));
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> assigned.add(tp.partition()));
          }
        });
    poller.start();
    scheduler.scheduleAtFixedRate(
        this::heartbeat, 0, heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      while (!dead && !closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          if (dead) {
            return; // died mid-batch: what it has not answered stays unanswered
          }
          handle(WireFormat.REQUESTS.decode(record.value()));
        }
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  private void handle(InvocationRequest request) {
    requests.incrementAndGet();
    for (Call call : request.getCalls()) {
      received.incrementAndGet();
      if (hold) {
        continue;
      }
      InvocationResult.Builder answer = responder.respond(request, call);
      if (answer == null) {
        continue; // the script says: never answer this call
      }
      InvocationResult result =
          answer
              .setInvocationId(call.getInvocationId())
              .setRunId(request.getRunId())
              .setAttempt(request.getAttempt())
              .setWorkerId(id)
              .build();
      Runnable reply =
          () -> {
            if (dead || closed) {
              return;
            }
            byte[] bytes = WireFormat.RESULTS.encode(result);
            for (int i = 0; i < copies; i++) {
              producer.send(
                  new ProducerRecord<>(request.getReplyTopic(), call.getInvocationId(), bytes));
            }
            replied.incrementAndGet();
          };
      if (delay.isZero()) {
        reply.run();
      } else {
        scheduler.schedule(reply, delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void heartbeat() {
    if (!heartbeating || dead || closed) {
      return;
    }
    List<Integer> partitions = new ArrayList<>(assigned);
    partitions.sort(null);
    WorkerHeartbeat hb =
        WorkerHeartbeat.newBuilder()
            .setWorkerId(id)
            .setHost("fake-host")
            .setState(WorkerState.RUNNING)
            .setSlots(slots)
            .setInFlight(0)
            .setCompleted(replied.get())
            .setAssignedPartitions(partitions)
            .setVersion("fake")
            .setSentEpochMillis(System.currentTimeMillis())
            .setIntervalMillis(heartbeatInterval.toMillis())
            .build();
    producer.send(new ProducerRecord<>(topics.heartbeats(), id, WireFormat.HEARTBEATS.encode(hb)));
  }

  /** Starts heartbeats of a worker built {@link Builder#mute() mute}. */
  public void startHeartbeats() {
    heartbeating = true;
  }

  /**
   * Goes silent as a crashed or hung process would: no more heartbeats, replies or polls, and no
   * clean exit from the consumer group.
   */
  public void die() {
    dead = true;
  }

  public String id() {
    return id;
  }

  /** The invocation partitions it currently owns. */
  public Set<Integer> assignedPartitions() {
    return Set.copyOf(assigned);
  }

  /** Requests (Kafka records) received so far; one may carry several calls. */
  public long requests() {
    return requests.get();
  }

  /** Calls received so far. */
  public long received() {
    return received.get();
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    consumer.wakeup();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ZERO);
    producer.close(Duration.ofSeconds(1));
  }
}
