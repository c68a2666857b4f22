package dev.farcall.benchmarks.e2e;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Hazelcast 5.7 executor peer: a member in a child JVM and a client in another child JVM, both on
 * loopback (multicast off, TCP-IP join on 127.0.0.1); a no-op task submitted to the member. The
 * client runs in its own JVM because Hazelcast's client completes internal async stages on {@code
 * ForkJoinPool.commonPool()}, which on 2 CPUs has parallelism 1 and so starts a thread per task
 * (about 4k/s instead of tens of thousands, measured); the client JVM gets a common pool of 2
 * threads, while the JVM that measures Farcall keeps the JDK's defaults.
 */
public final class HazelcastPeer implements AutoCloseable {

  static final String CLUSTER = "farcall-bench";
  static final String EXECUTOR = "noop";

  /** The task the member runs. */
  static final class NoopTask implements Callable<Boolean>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call() {
      return Boolean.TRUE;
    }
  }

  private final HazelcastInstance client;
  private final IExecutorService executor;
  private final Member member;
  private final NoopTask task = new NoopTask();
  private final ExecutorService callbacks =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "hazelcast-bench-callback");
            t.setDaemon(true);
            return t;
          });

  HazelcastPeer(int memberPort) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(CLUSTER);
    config.getNetworkConfig().addAddress("127.0.0.1:" + memberPort);
    config.setProperty("hazelcast.logging.type", "none");
    client = HazelcastClient.newHazelcastClient(config);
    executor = client.getExecutorService(EXECUTOR);
    member = client.getCluster().getMembers().iterator().next();
  }

  /** Child JVM entry: starts one member, prints READY with its port, waits. */
  public static void main(String[] args) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Config config = new Config();
    config.setClusterName(CLUSTER);
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
    HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
    System.out.println("READY " + port);
    System.out.flush();
    ChildJvm.awaitParentExit();
    instance.shutdown();
    System.exit(0);
  }

  /**
   * Client JVM entry: {@code <member port> <sync calls> <async calls> <in flight> <warm-up
   * divisor>}; warms up, measures once and prints one {@code RESULT|name|p50|p99|rate} line per
   * measurement.
   */
  public static final class Client {
    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(args[0]);
      int syncCalls = Integer.parseInt(args[1]);
      int asyncCalls = Integer.parseInt(args[2]);
      int inFlight = Integer.parseInt(args[3]);
      int warmUpDivisor = Integer.parseInt(args[4]);
      try (HazelcastPeer peer = new HazelcastPeer(port)) {
        Duration limit = Duration.ofMinutes(2);
        Measure.oneAtATime("warm-up", 0, syncCalls / warmUpDivisor, peer::sync);
        Measure.pipelined("warm-up", asyncCalls / warmUpDivisor, inFlight, limit, peer::async);
        List<Result> results =
            List.of(
                Measure.oneAtATime("sync", 0, syncCalls, peer::sync),
                Measure.pipelined("async", asyncCalls, inFlight, limit, peer::async));
        for (Result r : results) {
          System.out.println(
              "RESULT|"
                  + r.name()
                  + "|"
                  + r.p50Micros()
                  + "|"
                  + r.p99Micros()
                  + "|"
                  + r.perSecond());
        }
      }
      System.exit(0);
    }
  }

  /** Runs {@link Client} in a child JVM: the sync result, then the async one. */
  static List<Result> measureInChild(
      int memberPort, List<String> jvmOptions, int syncCalls, int asyncCalls, int inFlight)
      throws Exception {
    List<String> lines =
        ChildJvm.run(
            Client.class,
            jvmOptions,
            List.of(
                String.valueOf(memberPort),
                String.valueOf(syncCalls),
                String.valueOf(asyncCalls),
                String.valueOf(inFlight),
                "5"),
            Duration.ofMinutes(5));
    List<Result> results = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("RESULT|")) {
        String[] f = line.split("\\|");
        results.add(
            new Result(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4])));
      }
    }
    if (results.size() != 2) {
      throw new IllegalStateException("Hazelcast client printed " + lines);
    }
    return results;
  }

  void sync() throws Exception {
    executor.submitToMember(task, member).get();
  }

  /**
   * Completes on our own executor. Hazelcast's {@code ExecutionCallback} variant completes on its
   * default async executor, {@code ForkJoinPool.commonPool()}, which on 2 CPUs starts a thread per
   * task (measured here: about 1.2k/s instead of hundreds of thousands).
   */
  void async(BiConsumer<Object, Throwable> done) {
    Future<Boolean> future = executor.submitToMember(task, member);
    ((CompletionStage<Boolean>) future).whenCompleteAsync(done::accept, callbacks);
  }

  @Override
  public void close() {
    client.shutdown();
    callbacks.shutdown();
  }
}
