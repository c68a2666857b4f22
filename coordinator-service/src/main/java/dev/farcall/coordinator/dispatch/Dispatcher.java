package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.worker.WorkerRegistry;
import dev.farcall.coordinator.worker.WorkerStatus;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends invocations to workers and gives every caller exactly one outcome.
 *
 * <p>Calls go out as {@link InvocationRequest}s, each to a partition of the ALIVE worker with the
 * fewest of this dispatcher's outstanding calls per slot; when no worker is alive, to any partition
 * (a worker that joins later consumes it), and the deadline decides. A call of a method with no
 * request in flight leaves at once; calls of the same method (of one program and run) made while
 * one is in flight are sent together once it is acknowledged (see {@link Lane}), so pipelined
 * callers get Kafka records that carry many calls without any call waiting on a timer. Every call
 * waits in a bounded pending table until the first reply with its invocation id arrives; later
 * replies with the same id are counted and dropped. A sweeper (every {@code sweepInterval}, and at
 * once when a worker's status changes) resends a call, with the same invocation id and the next
 * attempt number, to another ALIVE worker when its worker turned SUSPECT or DEAD or its attempt
 * timed out, up to {@code maxAttempts} sends; a call whose deadline passed fails with {@link
 * DeadlineExceededException}. Resending is safe because only effect-free methods are invoked
 * remotely.
 *
 * <p>Futures are completed on the dispatcher's own completion threads, never on Kafka's.
 */
public class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Most calls sent together in one request. */
  static final int MAX_CALLS_PER_REQUEST = 512;

  /** Most argument bytes sent together in one request (Kafka's default request limit is 1 MiB). */
  static final int MAX_ARGUMENT_BYTES_PER_REQUEST = 256 * 1024;

  // Replies of one poll completed per completion task, at least; small polls stay one task.
  private static final int COMPLETION_CHUNK = 64;

  private final DispatchProperties properties;
  private final Topics topics;
  private final WorkerRegistry registry;
  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final PartitionChooser chooser;
  private final ReplyListener replies;
  private final DispatchMetrics metrics;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>(1 << 12);
  private final InvocationIds ids = new InvocationIds();
  private final Map<Lane.Key, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final AtomicBoolean sweepRequested = new AtomicBoolean();
  // Created by start() and shut down by stop(), so the dispatcher can be stopped and started again.
  private volatile ExecutorService completions;
  private volatile ScheduledExecutorService sweeper;
  private volatile ExecutorService flusher;
  private volatile boolean running;
  // Every reply goes to one partition, so a worker's replies batch into one record batch.
  private volatile int replyPartition = -1;

  /**
   * @param bootstrapServers where the replies are read from
   * @param partitionCount partitions of the invocations topic
   */
  public Dispatcher(
      DispatchProperties properties,
      Topics topics,
      String bootstrapServers,
      int partitionCount,
      WorkerRegistry registry,
      Producer<String, byte[]> producer,
      Clock clock,
      MeterRegistry meters) {
    this.properties = properties;
    this.topics = topics;
    this.registry = registry;
    this.producer = producer;
    this.clock = clock;
    this.chooser = new PartitionChooser(registry, partitionCount);
    this.metrics = new DispatchMetrics(meters, pendingCount::get);
    this.replies =
        new ReplyListener(
            bootstrapServers,
            topics.replies(),
            this::onReplies,
            metrics.malformedReplies::increment);
    registry.addListener(
        (workerId, previous, current) -> {
          chooser.workersChanged();
          if (current != WorkerStatus.ALIVE) {
            requestSweep();
          }
        });
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    // Pool threads start lazily, possibly on a program run's thread; pinning the group of the
    // thread that built the pool keeps them out of the run's group, which is stopped when it ends.
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    return r -> {
      Thread t = new Thread(group, r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Sends one call.
   *
   * @param request a request with exactly one argument payload
   * @return completes with the first reply, or fails with {@link DeadlineExceededException} or
   *     {@link DispatchUnavailableException}
   * @throws OverloadedException if the pending table is full
   */
  public CompletableFuture<InvocationOutcome> dispatch(DispatchRequest request) {
    if (request.arguments().size() != 1) {
      throw new IllegalArgumentException("dispatch takes one call; use dispatchBatch");
    }
    return dispatchBatch(request).get(0);
  }

  /**
   * Sends calls of one method, together unless they exceed what one request carries.
   *
   * @return one future per argument payload, in order
   * @throws OverloadedException if the pending table cannot take the whole batch
   */
  public List<CompletableFuture<InvocationOutcome>> dispatchBatch(DispatchRequest request) {
    if (!running) {
      throw new DispatchUnavailableException("-", "the dispatcher is not running", null);
    }
    int calls = request.arguments().size();
    if (pendingCount.addAndGet(calls) > properties.getMaxPending()) {
      pendingCount.addAndGet(-calls);
      throw new OverloadedException(properties.getMaxPending());
    }
    Duration timeout = request.timeout().orElse(properties.getDefaultDeadline());
    long now = clock.millis();
    Pending.Template template = new Pending.Template(request, now + timeout.toMillis());
    long startNanos = System.nanoTime();
    List<Pending> batch = new ArrayList<>(calls);
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>(calls);
    for (byte[] arguments : request.arguments()) {
      Pending p = new Pending(ids.next(), template, arguments, startNanos);
      batch.add(p);
      futures.add(p.future);
    }
    for (Pending p : batch) {
      pending.put(p.invocationId, p);
    }
    metrics.sent.increment(calls);
    lanes.computeIfAbsent(Lane.Key.of(request), Lane::new).add(batch);
    return futures;
  }

  /** How many calls are in flight. */
  public int pendingCount() {
    return pendingCount.get();
  }

  private void send(List<Pending> calls, Target target, int attempt) {
    send(calls, target, attempt, () -> {});
  }

  /**
   * Sends calls of one method (of one program and run) as one request; {@code acknowledged} runs
   * once Kafka acknowledged or refused it.
   */
  private void send(List<Pending> calls, Target target, int attempt, Runnable acknowledged) {
    DispatchRequest r = calls.get(0).template.request();
    // Calls sent together may come from dispatches with different deadlines: the worker refuses a
    // call only after the last of them; each call's own deadline is enforced here by the sweeper.
    long deadline = 0;
    for (Pending p : calls) {
      deadline = Math.max(deadline, p.template.deadlineEpochMillis());
    }
    List<Call> wireCalls = new ArrayList<>(calls.size());
    for (Pending p : calls) {
      wireCalls.add(
          Call.newBuilder()
              .setInvocationId(p.invocationId)
              .setArguments(ByteBuffer.wrap(p.arguments))
              .build());
    }
    InvocationRequest request =
        InvocationRequest.newBuilder()
            .setRunId(r.runId().orElse(null))
            .setProgramId(r.programId())
            .setJarSha256(r.jarSha256())
            .setMethod(r.method())
            .setSchemaFingerprint(r.schemaFingerprint())
            .setAttempt(attempt)
            .setDeadlineEpochMillis(deadline)
            .setReplyTopic(topics.replies())
            .setReplyPartition(replyPartition)
            .setSentEpochMillis(clock.millis())
            .setTraceContext(Map.of())
            .setCalls(wireCalls)
            .build();
    String key = calls.get(0).invocationId;
    try {
      producer.send(
          new ProducerRecord<>(
              topics.invocations(), target.partition(), key, WireFormat.REQUESTS.encode(request)),
          (metadata, error) -> {
            if (error != null) {
              failSend(calls, key, error);
            }
            acknowledged.run();
          });
    } catch (RuntimeException e) {
      // e.g. no metadata within max.block.ms: without this the calls would wait for the deadline
      failSend(calls, key, e);
      acknowledged.run();
    }
  }

  /**
   * The calls of one method of one program and run that wait to be sent. The first call goes out at
   * once on the caller's thread; calls made while a request of the lane is unacknowledged wait and
   * then go out together, as one request per ALIVE worker (split further beyond {@value
   * #MAX_CALLS_PER_REQUEST} calls or {@value #MAX_ARGUMENT_BYTES_PER_REQUEST} bytes). A lone call
   * thus waits for nothing, and under load one Kafka record carries many calls instead of one each,
   * which is what the broker, the workers' fetches and the encoding pay for.
   */
  private final class Lane {

    /** What calls must share to travel in one request. */
    record Key(
        String programId,
        String jarSha256,
        String owner,
        String name,
        String descriptor,
        long fingerprint,
        String runId) {

      static Key of(DispatchRequest r) {
        return new Key(
            r.programId(),
            r.jarSha256(),
            r.method().getOwnerClass(),
            r.method().getName(),
            r.method().getDescriptor(),
            r.schemaFingerprint(),
            r.runId().orElse(null));
      }
    }

    private final Key key;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    // Guarded by this: whether requests of this lane are unacknowledged.
    private boolean sending;

    Lane(Key key) {
      this.key = key;
    }

    void add(List<Pending> calls) {
      synchronized (this) {
        waiting.addAll(calls);
        if (sending) {
          return; // the acknowledgement of the request in flight sends them
        }
        sending = true;
      }
      flush();
    }

    /** Sends every waiting call; only the thread that set {@code sending} calls it. */
    private void flush() {
      List<Pending> calls;
      synchronized (this) {
        if (waiting.isEmpty() || !running) {
          sending = false;
          lanes.remove(key, this); // idle: a later call makes a new lane
          return;
        }
        calls = new ArrayList<>(waiting);
        waiting.clear();
      }
      long now = clock.millis();
      List<List<Pending>> requests = split(calls);
      AtomicInteger unacknowledged = new AtomicInteger(requests.size());
      Runnable acknowledged =
          () -> {
            if (unacknowledged.decrementAndGet() == 0) {
              flushLater();
            }
          };
      for (List<Pending> request : requests) {
        Target target = chooser.choose();
        List<Pending> live = new ArrayList<>(request.size());
        for (Pending p : request) {
          synchronized (p) {
            if (!p.isFinished()) { // it may have expired while it waited
              p.sent(target, now);
              live.add(p);
            }
          }
        }
        if (live.isEmpty()) {
          acknowledged.run();
          continue;
        }
        chooser.add(target, live.size());
        send(live, target, 1, acknowledged);
      }
    }

    /** Sends what arrived meanwhile, off the producer's I/O thread (a send may block there). */
    private void flushLater() {
      try {
        flusher.execute(this::flush);
      } catch (RejectedExecutionException stopped) {
        synchronized (this) {
          sending = false; // stop() fails the waiting calls
        }
      }
    }

    /** One request per ALIVE worker at least, so that a burst is spread over the workers. */
    private List<List<Pending>> split(List<Pending> calls) {
      int parts = Math.max(1, Math.min(calls.size(), chooser.aliveCount()));
      int perPart = Math.min(MAX_CALLS_PER_REQUEST, (calls.size() + parts - 1) / parts);
      List<List<Pending>> requests = new ArrayList<>();
      List<Pending> current = new ArrayList<>();
      long bytes = 0;
      for (Pending p : calls) {
        if (!current.isEmpty()
            && (current.size() >= perPart
                || bytes + p.arguments.length > MAX_ARGUMENT_BYTES_PER_REQUEST)) {
          requests.add(current);
          current = new ArrayList<>();
          bytes = 0;
        }
        current.add(p);
        bytes += p.arguments.length;
      }
      requests.add(current);
      return requests;
    }
  }

  private void failSend(List<Pending> calls, String key, Exception error) {
    log.warn("Could not send invocation {}: {}", key, error.toString());
    for (Pending p : calls) {
      fail(
          p,
          new DispatchUnavailableException(
              p.invocationId, "could not send the invocation to Kafka: " + error, error));
    }
  }

  /**
   * Takes the replies of one poll: completes their calls' futures in a few tasks on the completion
   * threads rather than one task per reply.
   */
  private void onReplies(List<InvocationResult> results) {
    List<Runnable> completions = new ArrayList<>(results.size());
    for (InvocationResult result : results) {
      try {
        Runnable completion = onReply(result);
        if (completion != null) {
          completions.add(completion);
        }
      } catch (RuntimeException e) {
        log.error("Failed to handle reply to {}", result.getInvocationId(), e);
      }
    }
    if (completions.isEmpty()) {
      return;
    }
    int threads = Math.max(1, properties.getCompletionThreads());
    int chunk = Math.max(COMPLETION_CHUNK, (completions.size() + threads - 1) / threads);
    for (int from = 0; from < completions.size(); from += chunk) {
      List<Runnable> part = completions.subList(from, Math.min(completions.size(), from + chunk));
      onCompletionThread(() -> part.forEach(Runnable::run));
    }
  }

  /** Settles the reply's call; returns how to complete its future, or null for a duplicate. */
  private Runnable onReply(InvocationResult result) {
    Pending p = pending.remove(result.getInvocationId());
    if (p == null) {
      metrics.duplicates.increment();
      return null;
    }
    Target last = p.finish();
    if (last == null) {
      metrics.duplicates.increment();
      return null;
    }
    pendingCount.decrementAndGet();
    chooser.remove(last, 1);
    long micros = (System.nanoTime() - p.startNanos) / 1_000;
    metrics.roundTrip.record(micros, TimeUnit.MICROSECONDS);
    InvocationOutcome outcome = new InvocationOutcome(p.invocationId, result, p.attempt(), micros);
    return () -> p.future.complete(outcome);
  }

  private void fail(Pending p, RuntimeException error) {
    if (!pending.remove(p.invocationId, p)) {
      return;
    }
    Target last = p.finish();
    if (last == null) {
      return;
    }
    pendingCount.decrementAndGet();
    chooser.remove(last, 1);
    onCompletionThread(() -> p.future.completeExceptionally(error));
  }

  private void onCompletionThread(Runnable completion) {
    try {
      completions.execute(completion);
    } catch (RejectedExecutionException stopped) {
      completion.run(); // the dispatcher is stopping: complete here rather than never
    }
  }

  private void requestSweep() {
    if (running && sweepRequested.compareAndSet(false, true)) {
      try {
        sweeper.execute(this::sweep);
      } catch (RejectedExecutionException stopped) {
        sweepRequested.set(false);
      }
    }
  }

  /** Fails expired calls and resends calls whose worker is not ALIVE or whose attempt timed out. */
  void sweep() {
    sweepRequested.set(false);
    try {
      long now = clock.millis();
      long attemptTimeout = properties.getAttemptTimeout().toMillis();
      // Calls to resend, grouped so that the calls of one dispatch on one worker stay one batch.
      Map<RetryGroup, List<Pending>> retries = new LinkedHashMap<>();
      for (Pending p : pending.values()) {
        if (now >= p.template.deadlineEpochMillis()) {
          metrics.deadlineExpired.increment();
          fail(
              p,
              new DeadlineExceededException(
                  p.invocationId,
                  Instant.ofEpochMilli(p.template.deadlineEpochMillis()),
                  p.attempt()));
          continue;
        }
        int attempt = p.attempt();
        if (attempt == 0 || attempt >= properties.getMaxAttempts()) {
          continue; // not sent yet (its lane sends it), or no attempts left
        }
        Target target = p.target();
        boolean workerLost =
            target.workerId() != null
                && registry.status(target.workerId()).orElse(WorkerStatus.DEAD)
                    != WorkerStatus.ALIVE;
        boolean timedOut = now - p.attemptStartedMillis() >= attemptTimeout;
        if (workerLost || timedOut) {
          retries
              .computeIfAbsent(new RetryGroup(p.template, target, attempt), k -> new ArrayList<>())
              .add(p);
        }
      }
      retries.forEach((group, calls) -> resend(group, calls, now));
    } catch (RuntimeException e) {
      log.error("Sweep failed", e);
    }
  }

  private record RetryGroup(Pending.Template template, Target from, int attempt) {}

  private void resend(RetryGroup group, List<Pending> calls, long now) {
    Optional<Target> to = chooser.chooseAlive(group.from().workerId());
    if (to.isEmpty()) {
      return; // nobody else is alive: keep waiting, a worker may come back or join
    }
    List<Pending> moved = new ArrayList<>(calls.size());
    for (Pending p : calls) {
      synchronized (p) {
        if (!p.isFinished() && p.attempt() == group.attempt()) {
          p.sent(to.get(), now);
          moved.add(p);
        }
      }
    }
    if (moved.isEmpty()) {
      return;
    }
    chooser.remove(group.from(), moved.size());
    chooser.add(to.get(), moved.size());
    metrics.retried.increment(moved.size());
    log.debug(
        "Resending {} call(s) from worker {} to {} (attempt {})",
        moved.size(),
        group.from().workerId(),
        to.get().workerId(),
        group.attempt() + 1);
    send(moved, to.get(), group.attempt() + 1);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    completions =
        Executors.newFixedThreadPool(
            Math.max(1, properties.getCompletionThreads()), daemonThreads("farcall-completion-"));
    sweeper = Executors.newSingleThreadScheduledExecutor(daemonThreads("farcall-sweeper-"));
    flusher = Executors.newSingleThreadExecutor(daemonThreads("farcall-dispatch-"));
    replies.start();
    replyPartition = replies.partitions().isEmpty() ? -1 : replies.partitions().get(0);
    long period = properties.getSweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    replies.stop();
    sweeper.shutdownNow();
    flusher.shutdownNow();
    lanes.clear();
    for (Pending p : List.copyOf(pending.values())) {
      fail(
          p,
          new DispatchUnavailableException(
              p.invocationId, "the coordinator is shutting down", null));
    }
    completions.shutdown();
    try {
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts before the web server accepts requests and stops after it stopped, so no request sees a
   * dispatcher that is not running.
   */
  @Override
  public int getPhase() {
    return 0;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
