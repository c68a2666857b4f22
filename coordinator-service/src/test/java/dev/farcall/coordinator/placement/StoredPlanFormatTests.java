package dev.farcall.coordinator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.placement.EstimateSource;
import dev.farcall.heuristics.placement.MethodPlacement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Plans stored before estimates had a source read back with the source their flag implies. */
class StoredPlanFormatTests {

  private final JsonMapper json = JsonMapper.builder().build();

  private MethodPlacement read(boolean profiled) {
    return json.readValue(
        """
        {"methodKey": "p.C#f()V", "className": "p.C", "methodName": "f", "descriptor": "()V",
         "decision": "LOCAL", "reason": "estimated work 5 ns < 4 × dispatch 1.5 ms",
         "estimates": {"workNanos": 5.0, "dispatchNanos": 1500000.0, "transferBytes": 8,
                       "profiled": %s}}
        """
            .formatted(profiled),
        MethodPlacement.class);
  }

  @Test
  void aStoredDecisionWithoutASourceTakesItFromItsProfiledFlag() {
    assertThat(read(false).estimates().source()).isEqualTo(EstimateSource.STATIC);
    assertThat(read(true).estimates().source()).isEqualTo(EstimateSource.PROFILE);
  }
}
