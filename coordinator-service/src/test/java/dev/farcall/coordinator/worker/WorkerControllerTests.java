package dev.farcall.coordinator.worker;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.farcall.dispatch.workers.MutableClock;
import dev.farcall.dispatch.workers.RegistrySettings;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = WorkerController.class)
@WithMockUser(roles = "VIEWER")
class WorkerControllerTests {

  static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @TestConfiguration
  static class Registry {
    @Bean
    WorkerRegistry workerRegistry() {
      return new WorkerRegistry(RegistrySettings.defaults(), clock);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired WorkerRegistry registry;

  private static WorkerHeartbeat heartbeat(String id) {
    return WorkerHeartbeat.newBuilder()
        .setWorkerId(id)
        .setHost("h-" + id)
        .setState(WorkerState.RUNNING)
        .setSlots(8)
        .setInFlight(3)
        .setCompleted(42)
        .setLoad(0.25)
        .setCachedPrograms(List.of("sha-a"))
        .setAssignedPartitions(List.of(1, 4))
        .setVersion("0.1.0")
        .setSentEpochMillis(clock.millis())
        .setIntervalMillis(2_000)
        .build();
  }

  @Test
  void listsWorkersWithLoadStatusAndLastHeartbeat() throws Exception {
    registry.record(heartbeat("w-alive"));
    clock.advance(Duration.ofSeconds(6));
    registry.record(heartbeat("w-fresh"));

    mvc.perform(get("/api/v1/workers"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].id").value("w-alive"))
        .andExpect(jsonPath("$[0].status").value("SUSPECT"))
        .andExpect(jsonPath("$[0].lastHeartbeat").value("2026-03-01T10:00:00Z"))
        .andExpect(jsonPath("$[1].id").value("w-fresh"))
        .andExpect(jsonPath("$[1].status").value("ALIVE"))
        .andExpect(jsonPath("$[1].host").value("h-w-fresh"))
        .andExpect(jsonPath("$[1].slots").value(8))
        .andExpect(jsonPath("$[1].inFlight").value(3))
        .andExpect(jsonPath("$[1].completed").value(42))
        .andExpect(jsonPath("$[1].load").value(0.25))
        .andExpect(jsonPath("$[1].assignedPartitions[1]").value(4))
        .andExpect(jsonPath("$[1].cachedPrograms[0]").value("sha-a"))
        .andExpect(jsonPath("$[1].version").value("0.1.0"))
        .andExpect(jsonPath("$[1].lastHeartbeat").value("2026-03-01T10:00:06Z"));
  }
}
