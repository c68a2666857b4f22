package dev.farcall.benchmarks.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/** The measurement loops every peer shares, each bounded in time. */
public final class Measure {

  private Measure() {}

  /** A blocking call. */
  public interface Call {
    void call() throws Exception;
  }

  /** Starts one call and reports its end (error null when it succeeded) to {@code done}. */
  interface AsyncCall {
    void start(BiConsumer<Object, Throwable> done) throws Exception;
  }

  /** {@code calls} calls one after the other after {@code warmUp} unmeasured ones. */
  static Result oneAtATime(String name, int warmUp, int calls, Call call) throws Exception {
    for (int i = 0; i < warmUp; i++) {
      call.call();
    }
    Latencies latencies = new Latencies(calls);
    long started = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      call.call();
      latencies.add(System.nanoTime() - t);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(
        name, latencies.percentileMicros(50), latencies.percentileMicros(99), calls / seconds);
  }

  /** {@code threads} callers calling in a loop for {@code seconds}: throughput only. */
  static Result callers(String name, int threads, double seconds, Call call) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    Thread[] workers = new Thread[threads];
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      workers[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                  long n = 0;
                  while (System.nanoTime() < end) {
                    call.call();
                    n++;
                  }
                  done.addAndGet(n);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "caller-" + i);
      workers[i].start();
    }
    long started = System.nanoTime();
    go.countDown();
    for (Thread t : workers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    return new Result(name, -1, -1, done.get() / elapsed);
  }

  /**
   * One thread per element of {@code callers}, each making its own calls one at a time in a loop:
   * first for {@code warmUpSeconds} unmeasured, then for {@code seconds} with every call's round
   * trip recorded (in a list of each thread's own, merged at the end, so recording adds no
   * contention between callers). Throughput is all measured calls over the measured time.
   */
  public static Result timedCallers(
      String name, List<? extends Call> callers, double warmUpSeconds, double seconds)
      throws Exception {
    if (warmUpSeconds > 0) {
      loop(name, callers, warmUpSeconds, null);
    }
    List<Latencies> each = new ArrayList<>();
    for (int i = 0; i < callers.size(); i++) {
      each.add(new Latencies(1 << 16));
    }
    double elapsed = loop(name, callers, seconds, each);
    Latencies all = new Latencies(1 << 16);
    each.forEach(all::addAll);
    return new Result(
        name, all.percentileMicros(50), all.percentileMicros(99), all.count() / elapsed);
  }

  /** Runs every caller for {@code seconds}; returns the elapsed time from the start to the last. */
  private static double loop(
      String name, List<? extends Call> callers, double seconds, List<Latencies> record)
      throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    long[] end = new long[1];
    Thread[] threads = new Thread[callers.size()];
    for (int i = 0; i < threads.length; i++) {
      Call call = callers.get(i);
      Latencies latencies = record == null ? null : record.get(i);
      threads[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                  while (System.nanoTime() < end[0] && failure.get() == null) {
                    long t = System.nanoTime();
                    call.call();
                    if (latencies != null) {
                      latencies.add(System.nanoTime() - t);
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              name + "-caller-" + i);
      threads[i].start();
    }
    long started = System.nanoTime();
    end[0] = started + (long) (seconds * 1e9);
    go.countDown(); // publishes end[0] to the callers
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    return elapsed;
  }

  /**
   * {@code calls} calls with up to {@code inFlight} outstanding at once; each call's latency runs
   * from its start to its completion.
   */
  static Result pipelined(String name, int calls, int inFlight, Duration limit, AsyncCall call)
      throws Exception {
    return batched(name, calls, inFlight, 1, limit, call);
  }

  /**
   * {@code calls / batch} requests of {@code batch} calls each, with up to {@code inFlight} calls
   * outstanding at once: {@code request} starts one request and reports the end of each of its
   * calls to {@code done}. Each call's latency runs from its request's start to its completion.
   */
  static Result batched(
      String name, int calls, int inFlight, int batch, Duration limit, AsyncCall request)
      throws Exception {
    int requests = calls / batch;
    Latencies latencies = new Latencies(calls);
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(requests * batch);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    for (int i = 0; i < requests; i++) {
      if (!window.tryAcquire(
          batch, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException(name + ": no completion within " + limit);
      }
      if (failure.get() != null) {
        throw new IllegalStateException(name + " failed", failure.get());
      }
      long t = System.nanoTime();
      request.start(
          (value, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            } else {
              latencies.add(System.nanoTime() - t);
            }
            window.release();
            done.countDown();
          });
    }
    if (!done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(
          name + ": " + done.getCount() + " calls missing after " + limit);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    return new Result(
        name,
        latencies.percentileMicros(50),
        latencies.percentileMicros(99),
        requests * batch / seconds);
  }
}
