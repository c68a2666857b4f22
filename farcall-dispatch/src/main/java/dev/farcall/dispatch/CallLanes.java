package dev.farcall.dispatch;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches calls of the same method (of one program and run) into few requests without making any
 * call wait on a timer: the first call of a lane goes out at once on the caller's thread; calls
 * made while a request of the lane is unacknowledged wait and then go out together, as one request
 * per ALIVE worker (split further beyond {@value #MAX_CALLS_PER_REQUEST} calls or {@value
 * #MAX_ARGUMENT_BYTES_PER_REQUEST} bytes, or beyond the lane's own cap, set by its latest caller).
 * Under load one Kafka record thus carries many calls instead of one each, which is what the
 * broker, the workers' fetches and the encoding pay for.
 */
final class CallLanes {

  /** Most calls sent together in one request. */
  static final int MAX_CALLS_PER_REQUEST = 512;

  /** Most argument bytes sent together in one request (Kafka's default request limit is 1 MiB). */
  static final int MAX_ARGUMENT_BYTES_PER_REQUEST = 256 * 1024;

  private final Map<Lane.Key, Lane> lanes = new ConcurrentHashMap<>();
  private final PartitionChooser chooser;
  private final RequestSender sender;
  private final Clock clock;
  private volatile ExecutorService flusher;
  private volatile boolean running;

  CallLanes(PartitionChooser chooser, RequestSender sender, Clock clock) {
    this.chooser = chooser;
    this.sender = sender;
    this.clock = clock;
  }

  void start() {
    flusher = Executors.newSingleThreadExecutor(DispatchThreads.daemon("farcall-dispatch-"));
    running = true;
  }

  void stop() {
    running = false;
    flusher.shutdownNow();
    lanes.clear();
  }

  /**
   * Queues calls of one method; they leave at once unless a request of their lane is out.
   *
   * @param maxCallsPerRequest the lane's cap from now on (the latest caller's wins)
   */
  void add(List<Pending> calls, int maxCallsPerRequest) {
    lanes
        .computeIfAbsent(Lane.Key.of(calls.get(0).call), Lane::new)
        .add(calls, Math.max(1, Math.min(MAX_CALLS_PER_REQUEST, maxCallsPerRequest)));
  }

  /** The calls of one lane that wait to be sent. */
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

      static Key of(RemoteCall r) {
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
    // Guarded by this: most calls per request of this lane.
    private int maxPerRequest = MAX_CALLS_PER_REQUEST;

    Lane(Key key) {
      this.key = key;
    }

    void add(List<Pending> calls, int maxCallsPerRequest) {
      synchronized (this) {
        maxPerRequest = maxCallsPerRequest;
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
      int cap;
      synchronized (this) {
        if (waiting.isEmpty() || !running) {
          sending = false;
          lanes.remove(key, this); // idle: a later call makes a new lane
          return;
        }
        calls = new ArrayList<>(waiting);
        waiting.clear();
        cap = maxPerRequest;
      }
      long now = clock.millis();
      List<List<Pending>> requests = split(calls, cap);
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
        sender.send(live, target, 1, acknowledged);
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
    private List<List<Pending>> split(List<Pending> calls, int cap) {
      int parts = Math.max(1, Math.min(calls.size(), chooser.aliveCount()));
      int perPart = Math.min(cap, (calls.size() + parts - 1) / parts);
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
}
