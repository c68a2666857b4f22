package dev.farcall.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportGeneratorTests {

  private static JsonNode sample(String repetitions, String median) throws Exception {
    return ResultsFile.JSON.readTree(
        """
        {"area": "sample", "title": "A sample area", "date": "2026-12-04T01:00:00Z",
         "machine": {"cpus": 2, "memoryGiB": 24, "java": "17.0.15", "os": "Linux"},
         "loadAverage": {"before": 1.5, "after": 2.5},
         "notes": ["measured alone"],
         "figures": [{"name": "round trip p50", "unit": "ms", "higherIsBetter": false,
                      "repetitions": %s, "median": %s, "min": 1.0, "max": 9.0,
                      "target": {"description": "under 5 ms", "met": true},
                      "ratios": {"to the peer": 0.5}}]}
        """
            .formatted(repetitions, median));
  }

  @Test
  void tableShowsMedianMinMaxRepetitionsTargetAndRatios() throws Exception {
    AreaResults area = AreaResults.parse("sample.json", sample("[1.0, 2.0, 3.5, 4.0, 9.0]", "3.5"));

    String markdown = AreaSection.markdown(area, List.of("benchmarks/report/sample-latency.png"));

    assertThat(markdown)
        .contains("### sample: A sample area")
        .contains("load average 1.5 before, 2.5 after")
        .contains("| round trip p50 | 3.50 ms | 1 | 9 | 5 | under 5 ms: met | to the peer: 0.500 |")
        .contains("- measured alone")
        .contains("![sample latency](benchmarks/report/sample-latency.png)");
  }

  @Test
  void figureWithFewerThanFiveRepetitionsIsRefused() throws Exception {
    JsonNode fourRepetitions = sample("[1.0, 2.0, 3.0, 9.0]", "2.5");

    assertThatThrownBy(() -> AreaResults.parse("sample.json", fourRepetitions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round trip p50")
        .hasMessageContaining("4 repetitions, at least 5");
    assertThatThrownBy(() -> ResultsFile.figure("x", "ms", false, List.of(1.0, 2.0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportListsEachAreaOnceWithItsCommandAndTheAreasNotMeasured() throws Exception {
    AreaResults area = AreaResults.parse("sample.json", sample("[1.0, 2.0, 3.0, 4.0, 9.0]", "3.0"));
    List<ReportGenerator.SuiteArea> suite =
        List.of(
            new ReportGenerator.SuiteArea("sample", "~1 min", "none"),
            new ReportGenerator.SuiteArea("other", "~2 min", "podman"));

    String report =
        ReportGenerator.markdown(
            suite, List.of(area), Map.of(), Instant.parse("2026-12-04T02:00:00Z"));

    assertThat(report)
        .contains("| sample | `benchmarks/areas/sample.sh` | ~1 min | – | A sample area |")
        .contains(
            "| other | `benchmarks/areas/other.sh` | ~2 min | podman | (no results file yet) |")
        .contains("| sample | 2026-12-04 01:00 | 2 | 1.5 → 2.5 | 1 | 1 of 1 |")
        .contains("No results file for: other");
  }
}
