package dev.farcall.benchmarks.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the soak watches for leaks, every interval: the heap right after a full GC, live threads,
 * open file descriptors, live child processes (a run's driver that outlived its run would stay) and
 * the consumer lag summed over every group (work the workers or the coordinator fell behind on).
 */
final class SoakSampler implements AutoCloseable {

  /** One reading, {@code seconds} after sampling began. */
  record Sample(
      double seconds, double heapMiB, int threads, long fileDescriptors, long children, long lag) {}

  private final Admin admin;
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "soak-sampler");
            t.setDaemon(true);
            return t;
          });
  private long startNanos;

  SoakSampler(String bootstrap) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  void start(java.time.Duration every) {
    startNanos = System.nanoTime();
    timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(1, TimeUnit.MINUTES);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private void sample() {
    try {
      System.gc();
      double heap =
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();
      long children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
      Sample s =
          new Sample(
              (System.nanoTime() - startNanos) / 1e9,
              heap,
              threads,
              fileDescriptors(),
              children,
              lag());
      synchronized (this) {
        samples.add(s);
      }
      System.out.printf(
          java.util.Locale.ROOT,
          "%6.0f s  heap %6.1f MiB  threads %4d  fds %5d  children %2d  lag %6d%n",
          s.seconds(),
          s.heapMiB(),
          s.threads(),
          s.fileDescriptors(),
          s.children(),
          s.lag());
    } catch (Exception e) {
      // a missed reading is a gap in the curve, not a reason to end the soak
      System.err.println("sample failed: " + e);
    }
  }

  private static long fileDescriptors() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** Records behind the end of their partitions, over every group that committed offsets. */
  private long lag() throws Exception {
    long lag = 0;
    // ended runs' groups keep offsets of reply topics deleted since
    java.util.Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.forEach(
          (tp, o) -> {
            if (o != null && topics.contains(tp.topic())) {
              latest.put(tp, OffsetSpec.latest());
            }
          });
      if (latest.isEmpty()) {
        continue;
      }
      var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      for (var e : committed.entrySet()) {
        if (ends.containsKey(e.getKey())) {
          lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
      }
    }
    return lag;
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    admin.close();
  }
}
