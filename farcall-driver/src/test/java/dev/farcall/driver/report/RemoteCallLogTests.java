package dev.farcall.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.RemoteCallOutcome;
import dev.farcall.model.wire.RemoteCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteCallLogTests {

  private static final List<MethodRef> SITES =
      List.of(new MethodRef("a.B", "one", "(I)J"), new MethodRef("a.B", "two", "()V"));

  @Test
  void aReportCarriesTheNewCallsWithOnlyTheMethodsTheyName() {
    RemoteCallLog log = new RemoteCallLog(SITES::get, 10, 100);
    log.record(1, "w1", 1_000, 50, 40, RemoteCallOutcome.RETURNED);
    log.record(1, "", 2_000, 900, 0, RemoteCallOutcome.FAILED);

    RemoteCalls first = log.drain().orElseThrow();

    assertThat(first.getSites()).containsExactly(SITES.get(1));
    assertThat(first.getCalls())
        .extracting(c -> c.getSite(), c -> c.getWorkerId(), c -> c.getOutcome())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "w1", RemoteCallOutcome.RETURNED),
            org.assertj.core.groups.Tuple.tuple(0, "", RemoteCallOutcome.FAILED));
    assertThat(first.getDropped()).isZero();
    assertThat(log.drain()).as("nothing new").isEmpty();
  }

  @Test
  void callsBeyondTheReportOrTheRunCapAreCountedAsDropped() {
    RemoteCallLog log = new RemoteCallLog(SITES::get, 3, 5);
    for (int i = 0; i < 4; i++) {
      log.record(0, "w1", i, 1, 1, RemoteCallOutcome.RETURNED);
    }
    RemoteCalls first = log.drain().orElseThrow();
    for (int i = 0; i < 4; i++) {
      log.record(0, "w1", i, 1, 1, RemoteCallOutcome.RETURNED);
    }
    RemoteCalls second = log.drain().orElseThrow();

    assertThat(first.getCalls()).hasSize(3);
    assertThat(first.getDropped()).isEqualTo(1);
    assertThat(second.getCalls()).as("the run's cap of 5").hasSize(2);
    assertThat(second.getDropped()).as("cumulative").isEqualTo(3);
  }

  @Test
  void aCallTimedSinceItWasSentStartsThatLongBeforeNow() {
    RemoteCallLog log = new RemoteCallLog(SITES::get, 10, 100);
    long before = System.currentTimeMillis() * 1_000;
    log.recordSince(0, "w2", System.nanoTime() - 5_000_000, 1_000, RemoteCallOutcome.THREW);

    var call = log.drain().orElseThrow().getCalls().get(0);

    assertThat(call.getDurationMicros()).isGreaterThanOrEqualTo(5_000);
    assertThat(call.getStartEpochMicros()).isBetween(before - 10_000_000, before);
    assertThat(call.getWorkMicros()).isEqualTo(1_000);
  }
}
