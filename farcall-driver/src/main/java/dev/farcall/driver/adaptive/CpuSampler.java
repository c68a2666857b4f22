package dev.farcall.driver.adaptive;

import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JVM itself knows of where the program spends its CPU, without touching the call path:
 * JFR's {@code jdk.ExecutionSample} events streamed in process ({@link RecordingStream}), each
 * counted for every site whose method is on the sampled stack (once per sample), and in total. The
 * sampler takes at most a few Java threads per period, so the number of samples per period is also
 * a lower bound of the threads running Java code.
 */
final class CpuSampler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CpuSampler.class);
  private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

  /** Per declaring class, its sites by name and descriptor: a frame's class is looked at first. */
  private final Map<String, Map<String, Integer>> sitesByClass = new HashMap<>();

  private final LongAdder[] siteSamples;
  private final LongAdder total = new LongAdder();
  private final Duration period;
  private final Duration startDelay;
  private volatile Thread sampling;
  private volatile RecordingStream stream;
  private volatile boolean closed;
  private volatile boolean atExit;

  /**
   * @param period how often JFR samples the threads running Java code
   * @param startDelay how long the program runs before JFR starts (see {@link #start()})
   */
  CpuSampler(List<MethodId> sites, Duration period, Duration startDelay) {
    this.period = period;
    this.startDelay = startDelay;
    siteSamples = new LongAdder[sites.size()];
    for (int i = 0; i < sites.size(); i++) {
      siteSamples[i] = new LongAdder();
      MethodId m = sites.get(i);
      sitesByClass
          .computeIfAbsent(m.className(), k -> new HashMap<>())
          .put(m.methodName() + m.descriptor(), i);
    }
  }

  /**
   * Starts sampling on a daemon thread of its own and returns at once: starting JFR takes from a
   * few hundred milliseconds to seconds on a busy machine, and the policy's rounds (which measure
   * timed calls meanwhile) must not wait for it. The stream runs on that thread ({@code start()},
   * not {@code startAsync()}, whose thread is not a daemon and would keep the run's JVM alive after
   * the program's last thread ended). When JFR is not available, the sampler counts nothing.
   *
   * <p>JFR starts only once the program has run for the start delay: JDK 17's JFR can deadlock with
   * the JVM's shutdown when one starts while the other runs (JDK-8373439, fixed in 2026 JDKs), and
   * a hung JVM is a run that never ends. Most short programs thus end before JFR starts, and do not
   * pay for its start either; a program that ends while JFR starts still runs that risk, which the
   * delay only makes rare.
   */
  void start() {
    sampling = new Thread(this::stream, "farcall-jfr-sampler");
    sampling.setDaemon(true);
    sampling.start();
  }

  private void stream() {
    if (!waitOutStartDelay()) {
      return;
    }
    RecordingStream s;
    try {
      s = new RecordingStream();
      s.enable(EXECUTION_SAMPLE).withPeriod(period).withStackTrace();
      s.onEvent(EXECUTION_SAMPLE, this::onSample);
    } catch (RuntimeException | LinkageError e) {
      log.warn("JFR is not available; LOCAL sites are measured by their timed calls only", e);
      return;
    }
    stream = s;
    if (closed) {
      if (!atExit) {
        s.close(); // closed while JFR was starting
      }
      return;
    }
    try {
      s.start(); // until closed
    } catch (RuntimeException e) {
      if (!closed) {
        log.warn("JFR sampling stopped; LOCAL sites are measured by their timed calls only", e);
      }
    }
  }

  /** Waits for the start delay; false when the sampler was closed meanwhile. */
  private boolean waitOutStartDelay() {
    long until = System.nanoTime() + startDelay.toNanos();
    synchronized (this) {
      long left;
      while (!closed && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          return false;
        }
      }
      return !closed;
    }
  }

  private void onSample(RecordedEvent event) {
    total.increment();
    RecordedStackTrace trace = event.getStackTrace();
    if (trace == null) {
      return;
    }
    BitSet seen = null;
    for (RecordedFrame frame : trace.getFrames()) {
      RecordedMethod method = frame.getMethod();
      if (method == null || method.getType() == null) {
        continue;
      }
      Map<String, Integer> ofClass = sitesByClass.get(method.getType().getName());
      if (ofClass == null) {
        continue;
      }
      Integer site = ofClass.get(method.getName() + method.getDescriptor());
      if (site != null) {
        if (seen == null) {
          seen = new BitSet(siteSamples.length);
        }
        if (!seen.get(site)) {
          seen.set(site);
          siteSamples[site].increment();
        }
      }
    }
  }

  /** Samples so far whose stack held the site's method. */
  long samples(int site) {
    return siteSamples[site].sum();
  }

  /** Samples so far, of any method. */
  long total() {
    return total.sum();
  }

  /** The sampling period. */
  Duration period() {
    return period;
  }

  /** Stops counting and closes the stream. */
  @Override
  public void close() {
    stop(false);
  }

  /**
   * Stops counting at the JVM's end, from a shutdown hook: the stream is left to the JVM (its
   * thread is a daemon, and JFR's own hook ends the recording), because closing a stream there can
   * deadlock with JFR's hook (JDK-8373439); a sampler still waiting out its start delay never
   * starts JFR.
   */
  void stopAtExit() {
    stop(true);
  }

  private void stop(boolean exiting) {
    synchronized (this) {
      atExit = exiting;
      closed = true;
      notifyAll();
    }
    RecordingStream s = stream;
    if (s != null && !exiting) {
      s.close();
    }
  }

  /** Whether a JFR stream was ever created; for tests. */
  boolean startedJfr() {
    return stream != null;
  }

  /** Waits for the sampling thread to end; for tests. */
  boolean awaitSamplingEnded(Duration atMost) throws InterruptedException {
    Thread t = sampling;
    if (t != null) {
      t.join(atMost.toMillis());
      return !t.isAlive();
    }
    return true;
  }
}
