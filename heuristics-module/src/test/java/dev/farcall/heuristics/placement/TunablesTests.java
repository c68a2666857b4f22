package dev.farcall.heuristics.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunablesTests {
  private static final List<TunableDescriptor> DESCRIPTORS =
      List.of(
          TunableDescriptor.ofInt("workers", 2, 1, 64, "workers"),
          TunableDescriptor.ofDouble("k", 4, 0.5, 100, "factor"),
          TunableDescriptor.ofBoolean("concurrentOnly", true, "flag"),
          TunableDescriptor.ofEnum("algorithm", "A", List.of("A", "B"), "choice"));

  @Test
  void missingValuesTakeTheirDefaults() {
    Tunables tunables = Tunables.of(DESCRIPTORS, Map.of("k", 8));

    assertThat(tunables.values())
        .containsExactly(
            Map.entry("workers", 2),
            Map.entry("k", 8.0),
            Map.entry("concurrentOnly", true),
            Map.entry("algorithm", "A"));
    assertThat(tunables.givenValues()).containsOnlyKeys("k");
    assertThat(tunables.getDouble("k")).isEqualTo(8.0);
  }

  @Test
  void textValuesFromJsonAreConvertedToTheirType() {
    Tunables tunables =
        Tunables.of(
            DESCRIPTORS,
            Map.of("workers", "16", "k", "2.5", "concurrentOnly", "false", "algorithm", "B"));

    assertThat(tunables.getInt("workers")).isEqualTo(16);
    assertThat(tunables.getDouble("k")).isEqualTo(2.5);
    assertThat(tunables.getBoolean("concurrentOnly")).isFalse();
    assertThat(tunables.getEnum("algorithm")).isEqualTo("B");
  }

  @Test
  void everyBadValueIsReportedWithItsRangeAndNothingIsApplied() {
    assertThatThrownBy(
            () ->
                Tunables.of(
                    DESCRIPTORS,
                    Map.of(
                        "workers",
                        65,
                        "k",
                        0.1,
                        "concurrentOnly",
                        "yes",
                        "algorithm",
                        "C",
                        "bogus",
                        1)))
        .isInstanceOfSatisfying(
            TunableValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(TunableValidationException.Violation::toString)
                    .containsExactly(
                        "algorithm=C: not one of [A, B]",
                        "bogus=1: unknown tunable; known: [workers, k, concurrentOnly, algorithm]",
                        "concurrentOnly=yes: expected BOOLEAN true or false",
                        "k=0.1: out of range [0.5, 100.0]",
                        "workers=65: out of range [1, 64]"));
  }

  @Test
  void fractionalIntegerAndNonFiniteDoubleAreRejected() {
    assertThatThrownBy(() -> Tunables.of(DESCRIPTORS, Map.of("workers", 2.5)))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining("workers=2.5: expected INT [1, 64]");
    assertThatThrownBy(() -> Tunables.of(DESCRIPTORS, Map.of("k", Double.NaN)))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining("k=NaN");
  }

  @Test
  void descriptorWithDefaultOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> TunableDescriptor.ofInt("x", 0, 1, 5, "bad default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default of x");
  }
}
