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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Hazelcast 5.7 executor peer: a member in a child JVM, a client here, both on loopback (multicast
 * off, TCP-IP join on 127.0.0.1); a no-op task submitted to the member.
 */
final class HazelcastPeer implements AutoCloseable {

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

  HazelcastPeer(ChildJvm child) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(CLUSTER);
    config.getNetworkConfig().addAddress("127.0.0.1:" + child.port());
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
