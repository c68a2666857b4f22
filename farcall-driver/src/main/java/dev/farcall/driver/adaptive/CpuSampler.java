package dev.farcall.driver.adaptive;

import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private volatile RecordingStream stream;
  private volatile boolean closed;

  CpuSampler(List<MethodId> sites, Duration period) {
    this.period = period;
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
   */
  void start() {
    Thread sampling = new Thread(this::stream, "farcall-jfr-sampler");
    sampling.setDaemon(true);
    sampling.start();
  }

  private void stream() {
    if (closed) {
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
      s.close(); // the run ended while JFR was starting
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

  @Override
  public void close() {
    closed = true;
    RecordingStream s = stream;
    if (s != null) {
      s.close();
    }
  }
}
