package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.dispatch.RemoteCall.Delivery;
import dev.farcall.model.wire.MethodRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An explicit invocation is resent after a worker's death only when that is harmless: the analysis
 * finds the method effect-free, or the caller asked for retries.
 */
class RetryPolicyTests {

  private static final MethodRef PURE = new MethodRef("a.Pure", "f", "()I");
  private static final MethodRef EFFECTFUL = new MethodRef("a.Log", "write", "()V");

  private final InvocationService service =
      new InvocationService(
          id -> Optional.empty(),
          new ProgramLoaders(1),
          null,
          new DispatchProperties(),
          (programId, method) -> method.equals(PURE));

  @Test
  void effectFreeMethodIsResentByDefault() {
    assertThat(service.delivery("p", PURE, null)).isEqualTo(Delivery.RETRY_ON_ANOTHER_WORKER);
    assertThat(service.delivery("p", PURE, RetryPolicy.AUTO))
        .isEqualTo(Delivery.RETRY_ON_ANOTHER_WORKER);
  }

  @Test
  void methodWithEffectsRunsAtMostOnceByDefault() {
    assertThat(service.delivery("p", EFFECTFUL, null)).isEqualTo(Delivery.AT_MOST_ONCE);
  }

  @Test
  void callerMayAskForRetriesOfAMethodWithEffects() {
    assertThat(service.delivery("p", EFFECTFUL, RetryPolicy.ALWAYS))
        .isEqualTo(Delivery.RETRY_ON_ANOTHER_WORKER);
  }

  @Test
  void callerMayForbidRetriesOfAnEffectFreeMethod() {
    assertThat(service.delivery("p", PURE, RetryPolicy.NEVER)).isEqualTo(Delivery.AT_MOST_ONCE);
  }
}
