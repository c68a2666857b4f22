package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedShutdownTests {

  @Test
  void stepsStopInReverseOrderOfStart() {
    List<String> stopped = new ArrayList<>();
    OrderedShutdown shutdown = new OrderedShutdown();
    shutdown.push("broker", () -> stopped.add("broker"));
    shutdown.push("coordinator", () -> stopped.add("coordinator"));
    shutdown.push("worker 1", () -> stopped.add("worker 1"));
    shutdown.push("worker 2", () -> stopped.add("worker 2"));

    shutdown.close();

    assertThat(stopped).containsExactly("worker 2", "worker 1", "coordinator", "broker");
  }

  @Test
  void failingStepDoesNotStopTheRest() {
    List<String> stopped = new ArrayList<>();
    OrderedShutdown shutdown = new OrderedShutdown();
    shutdown.push("broker", () -> stopped.add("broker"));
    shutdown.push(
        "coordinator",
        () -> {
          throw new IllegalStateException("stuck");
        });
    shutdown.push("worker", () -> stopped.add("worker"));

    shutdown.close();

    assertThat(stopped).containsExactly("worker", "broker");
  }

  @Test
  void closingTwiceStopsEachStepOnce() {
    List<String> stopped = new ArrayList<>();
    OrderedShutdown shutdown = new OrderedShutdown();
    shutdown.push("broker", () -> stopped.add("broker"));

    shutdown.close();
    shutdown.close();

    assertThat(stopped).containsExactly("broker");
  }
}
