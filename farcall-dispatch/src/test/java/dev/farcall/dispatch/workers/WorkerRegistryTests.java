package dev.farcall.dispatch.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerRegistryTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final WorkerRegistry registry = new WorkerRegistry(RegistrySettings.defaults(), clock);
  private final List<String> changes = new ArrayList<>();

  WorkerRegistryTests() {
    registry.addListener(
        (id, previous, current) ->
            changes.add(id + ":" + previous.map(Enum::name).orElse("-") + "->" + current));
  }

  private WorkerHeartbeat heartbeat(String id, WorkerState state) {
    return WorkerHeartbeat.newBuilder()
        .setWorkerId(id)
        .setHost("host-" + id)
        .setState(state)
        .setSlots(4)
        .setInFlight(2)
        .setCompleted(17)
        .setLoad(0.5)
        .setCachedPrograms(List.of("abc"))
        .setAssignedPartitions(List.of(0, 3))
        .setVersion("0.1.0")
        .setSentEpochMillis(clock.millis())
        .setIntervalMillis(1_000)
        .build();
  }

  @Test
  void silentWorkerTurnsSuspectThenDeadAtMultiplesOfItsInterval() {
    registry.record(heartbeat("w1", WorkerState.RUNNING));
    assertThat(registry.status("w1")).contains(WorkerStatus.ALIVE);

    clock.advance(Duration.ofMillis(2_500));
    registry.evaluate();
    assertThat(registry.status("w1")).contains(WorkerStatus.ALIVE);

    clock.advance(Duration.ofMillis(1));
    registry.evaluate();
    assertThat(registry.status("w1")).contains(WorkerStatus.SUSPECT);

    clock.advance(Duration.ofMillis(2_500));
    registry.evaluate();
    assertThat(registry.status("w1")).contains(WorkerStatus.DEAD);
    assertThat(changes).containsExactly("w1:-->ALIVE", "w1:ALIVE->SUSPECT", "w1:SUSPECT->DEAD");
  }

  @Test
  void heartbeatAfterSuspicionMakesWorkerAliveAgain() {
    registry.record(heartbeat("w1", WorkerState.RUNNING));
    clock.advance(Duration.ofSeconds(3));
    registry.evaluate();
    registry.record(heartbeat("w1", WorkerState.RUNNING));

    assertThat(registry.status("w1")).contains(WorkerStatus.ALIVE);
    assertThat(changes).containsExactly("w1:-->ALIVE", "w1:ALIVE->SUSPECT", "w1:SUSPECT->ALIVE");
  }

  @Test
  void stoppedHeartbeatMakesWorkerDeadAtOnce() {
    registry.record(heartbeat("w1", WorkerState.RUNNING));
    registry.record(heartbeat("w1", WorkerState.STOPPED));

    assertThat(registry.status("w1")).contains(WorkerStatus.DEAD);
    assertThat(registry.aliveWorkers()).isEmpty();
    assertThat(changes).containsExactly("w1:-->ALIVE", "w1:ALIVE->DEAD");
  }

  @Test
  void deadWorkerIsForgottenAfterForgetPeriod() {
    registry.record(heartbeat("w1", WorkerState.RUNNING));
    clock.advance(Duration.ofSeconds(59));
    registry.evaluate();
    assertThat(registry.workers()).extracting(WorkerSnapshot::id).containsExactly("w1");

    clock.advance(Duration.ofSeconds(2));
    registry.evaluate();
    assertThat(registry.workers()).isEmpty();
    assertThat(registry.status("w1")).isEmpty();
  }

  @Test
  void heartbeatReplayedFromLongAgoIsIgnored() {
    WorkerHeartbeat old = heartbeat("w1", WorkerState.RUNNING);
    clock.advance(Duration.ofMinutes(10));

    registry.record(old);

    assertThat(registry.workers()).isEmpty();
    assertThat(changes).isEmpty();
  }

  @Test
  void snapshotCarriesHeartbeatFieldsAndArrivalTime() {
    Instant arrival = clock.instant();
    registry.record(heartbeat("w2", WorkerState.RUNNING));
    registry.record(heartbeat("w1", WorkerState.RUNNING));

    List<WorkerSnapshot> workers = registry.workers();
    assertThat(workers).extracting(WorkerSnapshot::id).containsExactly("w1", "w2");
    WorkerSnapshot w1 = workers.get(0);
    assertThat(w1.host()).isEqualTo("host-w1");
    assertThat(w1.slots()).isEqualTo(4);
    assertThat(w1.inFlight()).isEqualTo(2);
    assertThat(w1.completed()).isEqualTo(17);
    assertThat(w1.load()).isEqualTo(0.5);
    assertThat(w1.assignedPartitions()).containsExactly(0, 3);
    assertThat(w1.cachedPrograms()).containsExactly("abc");
    assertThat(w1.version()).isEqualTo("0.1.0");
    assertThat(w1.lastHeartbeat()).isEqualTo(arrival);
    assertThat(w1.status()).isEqualTo(WorkerStatus.ALIVE);
    assertThat(Optional.of(w1.status())).isEqualTo(registry.status("w1"));
  }
}
