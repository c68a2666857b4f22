package dev.farcall.dispatch.workers;

/** How the registry judges a worker from its heartbeats. */
public enum WorkerStatus {
  /** Heartbeats arrive on time; the worker receives new invocations. */
  ALIVE,
  /** Heartbeats are late; the worker gets no new invocations and its in-flight ones are resent. */
  SUSPECT,
  /** Heartbeats stopped (or the worker said it stopped); it is forgotten after a while. */
  DEAD
}
