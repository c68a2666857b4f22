package dev.farcall.coordinator.run.driver;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.worker.WorkerRegistryProperties;
import dev.farcall.model.Topics;
import dev.farcall.model.wire.DriverDispatch;
import dev.farcall.model.wire.DriverKafka;
import dev.farcall.model.wire.DriverPolicy;
import dev.farcall.model.wire.PlannedSite;
import dev.farcall.model.wire.RunSpec;
import java.time.Instant;
import java.util.List;

/**
 * What a driver is told (its {@link RunSpec}): the run, its plan, where Kafka and the coordinator
 * are, and the dispatch settings, all from the coordinator's own configuration so that a run's
 * calls behave as the coordinator's would.
 */
public final class RunSpecFactory {

  private final SpecSettings runs;
  private final DispatchProperties dispatch;
  private final WorkerRegistryProperties registry;
  private final FarcallKafkaProperties kafka;
  private final String acks;

  public RunSpecFactory(
      SpecSettings runs,
      DispatchProperties dispatch,
      WorkerRegistryProperties registry,
      FarcallKafkaProperties kafka) {
    this.runs = runs;
    this.dispatch = dispatch;
    this.registry = registry;
    this.kafka = kafka;
    this.acks = dispatch.getAcks();
  }

  /**
   * @param coordinatorUrl where the driver downloads the jar (this coordinator, as seen from the
   *     driver's host)
   */
  RunSpec spec(DriverLaunch run, String token, String coordinatorUrl) {
    Topics topics = kafka.topics();
    RunDirectory dir = run.dir();
    List<PlannedSite> sites =
        run.plan().methods().stream()
            .map(
                m ->
                    PlannedSite.newBuilder()
                        .setMethod(m.method().toWire())
                        .setRemote(m.decision() == Decision.REMOTE)
                        .setReason(m.reason() == null ? "" : m.reason())
                        .setEstimatedWorkNanos(m.estimatedWorkNanos())
                        .setCountLocalCalls(runs.countsLocalCalls().test(m.estimatedWorkNanos()))
                        .setFixed(m.fixed())
                        .build())
            .toList();
    return RunSpec.newBuilder()
        .setRunId(run.runId())
        .setProgramId(run.program().id())
        .setJarSha256(run.program().sha256())
        .setJarUrl(coordinatorUrl + "/api/v1/programs/" + run.program().id() + "/jar")
        .setRunToken(token)
        .setMainClass(run.mainClass())
        .setArgs(run.args())
        .setSites(sites)
        .setKafka(
            DriverKafka.newBuilder()
                .setBootstrapServers(kafka.getBootstrapServers())
                .setTopicPrefix(topics.prefix())
                .setReplyTopic(topics.runReplies(run.runId()))
                .setAcks(acks)
                .build())
        .setDispatch(
            DriverDispatch.newBuilder()
                .setCallTimeoutMillis(runs.callTimeout().toMillis())
                .setMaxAttempts(dispatch.getMaxAttempts())
                .setAttemptTimeoutMillis(dispatch.getAttemptTimeout().toMillis())
                .setSweepIntervalMillis(dispatch.getSweepInterval().toMillis())
                .setMaxPending(dispatch.getMaxPending())
                .setSuspectAfterIntervals(registry.getSuspectAfterIntervals())
                .setDeadAfterIntervals(registry.getDeadAfterIntervals())
                .setRegistryCheckIntervalMillis(registry.getCheckInterval().toMillis())
                .build())
        .setStatsIntervalMillis(runs.statsInterval().toMillis())
        .setDeadlineEpochMillis(run.deadline().map(Instant::toEpochMilli).orElse(null))
        .setDriverLog(dir.driverLog().toString())
        .setJarPath(dir.jar().toString())
        .setPolicy(
            run.policy()
                .map(
                    p ->
                        DriverPolicy.newBuilder()
                            .setName(p.name())
                            .setTunables(p.tunables())
                            .build())
                .orElse(null))
        .build();
  }
}
