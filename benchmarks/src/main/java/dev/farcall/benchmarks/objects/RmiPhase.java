package dev.farcall.benchmarks.objects;

import dev.farcall.benchmarks.e2e.RmiPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote-objects benchmark's Java RMI phase: a client JVM that creates {@code
 * UnicastRemoteObject} counters through the counter factory of a server JVM ({@link RmiPeer}) and
 * calls them over loopback.
 */
final class RmiPhase {

  private RmiPhase() {}

  /** Creates the counters through the server's factory, measures both cases, checks them. */
  static void run(int port, double warmUp, double seconds) throws Exception {
    RmiPeer.CounterFactory factory = RmiPeer.counters(port);
    List<RmiPeer.RemoteCounter> counters = new ArrayList<>();
    List<CounterCaller> callers = new ArrayList<>();
    for (int i = 0; i <= ObjectsBenchmark.CALLERS; i++) {
      long start = 1_000L * i;
      RmiPeer.RemoteCounter counter = factory.create(start);
      counters.add(counter);
      callers.add(new CounterCaller("RMI counter " + i, start, counter::add));
    }
    ObjectsResults.measureCases("rmi", callers, warmUp, seconds);
    long checked = 0;
    for (int i = 0; i < counters.size(); i++) {
      checked += callers.get(i).check(counters.get(i).value());
    }
    ObjectsResults.checked(checked);
  }
}
