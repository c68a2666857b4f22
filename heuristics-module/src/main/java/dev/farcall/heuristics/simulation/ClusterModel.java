package dev.farcall.heuristics.simulation;

/**
 * The simulated machines and network.
 *
 * @param homeCores cores of the home JVM, shared by its runnable threads (&gt; 0)
 * @param workers workers (&gt; 0)
 * @param slotsPerWorker calls one worker runs at once (&gt; 0)
 * @param roundTripNanos network round trip between home and a worker, ns
 * @param bandwidthBytesPerSecond each direction of home's link; messages queue FIFO on it
 * @param dispatchOverheadNanos fixed latency of one remote call besides the network (broker,
 *     encoding and decoding), half on the way out, half on the way back, ns
 * @param homeCpuPerRemoteCallNanos CPU one remote call costs at home (encoding, sending, decoding),
 *     charged before it is sent, ns
 */
public record ClusterModel(
    int homeCores,
    int workers,
    int slotsPerWorker,
    long roundTripNanos,
    double bandwidthBytesPerSecond,
    long dispatchOverheadNanos,
    long homeCpuPerRemoteCallNanos) {

  /** Validates the figures. */
  public ClusterModel {
    if (homeCores <= 0 || workers <= 0 || slotsPerWorker <= 0) {
      throw new IllegalArgumentException("cores, workers and slots must be > 0");
    }
    if (roundTripNanos < 0 || dispatchOverheadNanos < 0 || homeCpuPerRemoteCallNanos < 0) {
      throw new IllegalArgumentException("latencies must be >= 0");
    }
    if (!(bandwidthBytesPerSecond > 0)) {
      throw new IllegalArgumentException("bandwidth must be > 0, was " + bandwidthBytesPerSecond);
    }
  }

  /** Slots of all workers. */
  public int totalSlots() {
    return workers * slotsPerWorker;
  }

  /** Time to push {@code bytes} through one direction of the link, ns. */
  double transferNanos(double bytes) {
    return bytes / bandwidthBytesPerSecond * 1e9;
  }

  /** Latency of one call besides queueing, work and transfer: round trip plus dispatch, ns. */
  long fixedLatencyNanos() {
    return roundTripNanos + dispatchOverheadNanos;
  }
}
