package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.examples.invoke.Work;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.worker.WorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A worker dies abruptly (SIGKILL, no goodbye) while it holds invocations: every caller still gets
 * exactly one correct result, from the workers that remain. The dying worker runs in a child JVM
 * started with the same arguments the launcher gives its in-process workers. What was in flight is
 * read off the wire (the invocations and replies topics), so the test cannot pass with an idle
 * worker: the calls sent to the child before the kill and not answered by it must exist, must have
 * been sent again (attempt 2 or later, to another worker) and must each have got one reply.
 */
@Order(3)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerFailureTests {

  private static final String CHILD_ID = "child-worker-1";

  /**
   * A few milliseconds of work per call: the child still holds most of its share when it is killed,
   * yet all 500 calls finish well within the coordinator's default deadline on a busy machine.
   */
  private static final int ITERATIONS = 2_000_000;

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void workerKilledWhileHoldingCallsHasThemResentAndEachCallerAnsweredOnce() throws Exception {
    LocalCluster cluster = TestCluster.get();
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    child = startChildWorker(cluster, CHILD_ID);
    TestCluster.awaitAlive(api, List.of(CHILD_ID));
    // A worker that has been serving: the child holds the jar before the burst. (A cold worker
    // fetches the jar over HTTP, which waits behind the coordinator's blocked request threads
    // while hundreds of invocations are pending; that is a separate coordinator limit.)
    AtomicInteger warmUp = new AtomicInteger();
    await("the child worker serves a call")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                CHILD_ID.equals(
                    api.invoke(
                            examples,
                            Work.class.getName(),
                            "spinTagged",
                            1,
                            warmUp.incrementAndGet())
                        .json()
                        .path("workerId")
                        .asString("")));

    Set<Integer> childPartitions = assignedPartitions(api, CHILD_ID);
    Topics topics = Topics.defaults();
    try (TopicTap<Sent> requests =
            new TopicTap<>(cluster.bootstrapServers(), topics.invocations(), Sent::of);
        TopicTap<Replied> replies =
            new TopicTap<>(cluster.bootstrapServers(), topics.replies(), Replied::of)) {
      burstAndKill(api, examples, cluster, childPartitions, requests, replies);
    }
    await("the killed worker is no longer ALIVE")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> !TestCluster.aliveWorkers(api).contains(CHILD_ID));
  }

  /**
   * One call of a request on the invocations topic, with the partition it was sent to and the run
   * that made it (null for a REST invocation).
   */
  record Sent(String invocationId, int attempt, int partition, long sentAtMillis, String runId) {
    static List<Sent> of(ConsumerRecord<byte[], byte[]> r) {
      InvocationRequest request = WireFormat.REQUESTS.decode(r.value());
      return request.getCalls().stream()
          .map(
              c ->
                  new Sent(
                      c.getInvocationId(),
                      request.getAttempt(),
                      r.partition(),
                      r.timestamp(),
                      request.getRunId()))
          .toList();
    }
  }

  /** A reply on the replies topic. */
  record Replied(String invocationId, String workerId) {
    static List<Replied> of(ConsumerRecord<byte[], byte[]> r) {
      InvocationResult result = WireFormat.RESULTS.decode(r.value());
      return List.of(new Replied(result.getInvocationId(), result.getWorkerId()));
    }
  }

  /** Whether a first attempt sent to the child's partitions has no reply on the wire yet. */
  private static boolean childHoldsCalls(
      TopicTap<Sent> requests, TopicTap<Replied> replies, Set<Integer> childPartitions) {
    Set<String> replied = new HashSet<>();
    for (Replied r : replies.seen()) {
      replied.add(r.invocationId());
    }
    return requests.seen().stream()
        .anyMatch(
            s ->
                s.attempt() == 1
                    && childPartitions.contains(s.partition())
                    && !replied.contains(s.invocationId()));
  }

  private static Set<Integer> assignedPartitions(FarcallApi api, String workerId) {
    JsonNode worker = TestCluster.worker(api, workerId).orElseThrow();
    Set<Integer> partitions = new HashSet<>();
    worker.get("assignedPartitions").forEach(p -> partitions.add(p.asInt()));
    assertThat(partitions).as("partitions of %s: %s", workerId, worker).isNotEmpty();
    return partitions;
  }

  private void burstAndKill(
      FarcallApi api,
      String examples,
      LocalCluster cluster,
      Set<Integer> childPartitions,
      TopicTap<Sent> requests,
      TopicTap<Replied> replies)
      throws Exception {
    int calls = 500;
    long spun = Work.spin(ITERATIONS);
    AtomicLong killedAtMillis = new AtomicLong();
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger pendingAtKill = new AtomicInteger(-1);
    List<CompletableFuture<FarcallApi.Response>> answers = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      answers.add(
          api.invokeAsync(examples, Work.class.getName(), "spinTagged", ITERATIONS, i)
              .whenComplete(
                  (response, error) -> {
                    answered.incrementAndGet();
                    if (response != null && response.status() == 200) {
                      String worker = response.json().path("workerId").asString("?");
                      servedBy.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
                      // kill the child the moment it is seen working while calls sent to it are
                      // still unanswered (on a fast machine it may have answered all it got)
                      if (worker.equals(CHILD_ID)
                          && childHoldsCalls(requests, replies, childPartitions)
                          && killed.compareAndSet(false, true)) {
                        killedAtMillis.set(System.currentTimeMillis());
                        child.destroyForcibly();
                        pendingAtKill.set(calls - answered.get());
                      }
                    }
                  }));
    }
    await("the child worker answers a call while holding others, and is killed")
        .atMost(Duration.ofSeconds(60))
        .until(killed::get);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child worker died").isTrue();
    assertThat(pendingAtKill.get())
        .as("calls still in flight when the child was killed")
        .isPositive();

    Map<String, JsonNode> answerById = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      FarcallApi.Response response = answers.get(i).get(3, TimeUnit.MINUTES);
      assertThat(response.status()).as("call %d: %s", i, response).isEqualTo(200);
      JsonNode answer = response.json();
      assertThat(answer.get("outcome").asString()).as(response.toString()).isEqualTo("RETURNED");
      assertThat(answer.get("result").asLong()).as("call %d", i).isEqualTo(spun + i);
      answerById.put(answer.get("invocationId").asString(), answer);
    }
    assertThat(answerById).as("one distinct invocation per caller").hasSize(calls);
    assertThat(servedBy.keySet()).containsAnyElementsOf(cluster.workerIds());

    // Sent to the child before it was killed, and never answered by it: what it held.
    Set<String> held = new HashSet<>();
    for (Sent sent : requests.seen()) {
      JsonNode answer = answerById.get(sent.invocationId());
      if (answer != null
          && sent.attempt() == 1
          && childPartitions.contains(sent.partition())
          && sent.sentAtMillis() < killedAtMillis.get()
          && !CHILD_ID.equals(answer.get("workerId").asString())) {
        held.add(sent.invocationId());
      }
    }
    assertThat(held).as("calls the child held when it was killed").isNotEmpty();
    for (String id : held) {
      assertThat(answerById.get(id).get("attempts").asInt())
          .as("attempts of %s, held by the killed worker", id)
          .isGreaterThan(1);
    }
    // Each caller got one answer (above: 500 distinct invocations, each with its own result).
    // On the wire a held call may have run more than once (delivery is at-least-once: a call
    // resent when its worker turned SUSPECT can be resent again when it turns DEAD); the
    // coordinator counts the first reply. Every held call must have a reply from a live worker.
    await("every held call is seen resent to another worker and replied to by a live worker")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Set<String> resent = new HashSet<>();
              for (Sent sent : requests.seen()) {
                if (sent.attempt() > 1 && !childPartitions.contains(sent.partition())) {
                  resent.add(sent.invocationId());
                }
              }
              assertThat(resent).as("resent to another worker").containsAll(held);
              Map<String, Set<String>> repliedBy =
                  replies.seen().stream()
                      .filter(r -> held.contains(r.invocationId()))
                      .collect(
                          Collectors.groupingBy(
                              Replied::invocationId,
                              Collectors.mapping(Replied::workerId, Collectors.toSet())));
              assertThat(repliedBy).as("replies per held call").hasSize(held.size());
              repliedBy.forEach(
                  (id, workers) ->
                      assertThat(workers)
                          .as("workers that replied to %s", id)
                          .doesNotContain(CHILD_ID)
                          .contains(answerById.get(id).get("workerId").asString()));
            });
  }

  /** A worker in its own JVM, with the class path of this one and the launcher's arguments. */
  static Process startChildWorker(LocalCluster cluster, String id) throws IOException {
    Map<String, String> props =
        ServiceArguments.worker(
            id,
            cluster.baseUrl(),
            cluster.dataDir(),
            cluster.bootstrapServers(),
            cluster.tokens().worker());
    props.putAll(TestCluster.TEST_PROPERTIES);
    return startChildWorker(props, id);
  }

  /**
   * A worker in its own JVM with the class path of this one, the given settings and JVM options
   * beyond the heap and collector.
   */
  static Process startChildWorker(Map<String, String> props, String id, String... jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerApplication.class.getName());
    command.addAll(List.of(ServiceArguments.toArgs(props)));
    Path log = Files.createDirectories(Path.of("target")).resolve(id + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
