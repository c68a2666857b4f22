package dev.farcall.coordinator.timeline;

import dev.farcall.coordinator.system.StoredJson;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code run_timelines} table (migration V50): one compact JSON document per run. */
@Repository
class TimelineRepository {

  /** The stored columns of a timeline besides the run id and start. */
  private record Stored(List<String> sites, List<String> workers, List<long[]> calls) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TimelineRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = StoredJson.tolerant(json);
  }

  void save(Timeline timeline) {
    jdbc.sql(
            "insert into run_timelines (run_id, started_at, calls, dropped)"
                + " values (:runId, :startedAt, :calls, :dropped)")
        .param("runId", timeline.runId())
        .param("startedAt", OffsetDateTime.ofInstant(timeline.startedAt(), ZoneOffset.UTC))
        .param(
            "calls",
            json.writeValueAsString(
                new Stored(timeline.sites(), timeline.workers(), timeline.calls())))
        .param("dropped", timeline.dropped())
        .update();
  }

  Optional<Timeline> find(String runId) {
    return jdbc.sql("select run_id, started_at, calls, dropped from run_timelines where run_id = ?")
        .param(runId)
        .query(
            (rs, n) -> {
              Stored stored = json.readValue(rs.getString("calls"), Stored.class);
              return new Timeline(
                  rs.getString("run_id"),
                  rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                  stored.sites(),
                  stored.workers(),
                  stored.calls(),
                  rs.getLong("dropped"));
            })
        .optional();
  }
}
