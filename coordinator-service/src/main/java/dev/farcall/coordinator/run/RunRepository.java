package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.Paging;
import dev.farcall.coordinator.system.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Runs, their output and their stats in the {@code runs} table (migration V20). */
@Repository
class RunRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  RunRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = StoredJson.tolerant(json);
  }

  void insert(RunView run) {
    jdbc.sql(
            """
            insert into runs (id, program_id, main_class, args, heuristic, tunables,
                              deadline_seconds, max_heap_bytes, adaptive_policy, status,
                              created_at)
            values (:id, :programId, :mainClass, :args, :heuristic, :tunables,
                    :deadlineSeconds, :maxHeapBytes, :adaptivePolicy, :status, :createdAt)
            """)
        .param("id", run.id())
        .param("programId", run.programId())
        .param("mainClass", run.mainClass())
        .param("args", json.writeValueAsString(run.args()))
        .param("heuristic", run.heuristic())
        .param("tunables", json.writeValueAsString(run.tunables()))
        .param("deadlineSeconds", run.deadlineSeconds())
        .param("maxHeapBytes", run.maxHeapBytes())
        .param("adaptivePolicy", run.adaptivePolicy())
        .param("status", run.status().name())
        .param("createdAt", time(run.createdAt()))
        .update();
  }

  void delete(String id) {
    jdbc.sql("delete from runs where id = :id").param("id", id).update();
  }

  /** The run's driver started: enough to find it again after a restart. */
  void markStarted(String id, Instant at, DriverRecord driver) {
    jdbc.sql(
            """
            update runs set status = 'RUNNING', started_at = :at, driver_pid = :pid,
                            driver_started_at = :driverStartedAt, run_uid = :uid,
                            token_hash = :tokenHash
            where id = :id
            """)
        .param("at", time(at))
        .param("pid", driver.pid())
        .param("driverStartedAt", time(driver.startedAt()))
        .param("uid", driver.uid())
        .param("tokenHash", driver.tokenHash())
        .param("id", id)
        .update();
  }

  /**
   * What the coordinator recorded of a run's driver.
   *
   * @param uid the run's own user id, null without isolation
   */
  record DriverRecord(long pid, Instant startedAt, Integer uid, String tokenHash) {}

  /** A run a previous coordinator left unfinished, with its driver if it had started one. */
  record Unfinished(RunView run, Optional<DriverRecord> driver) {}

  /** Runs still QUEUED or RUNNING: what a previous coordinator left behind. */
  List<Unfinished> unfinished() {
    return jdbc.sql("select * from runs where status in ('RUNNING', 'QUEUED') order by created_at")
        .query(
            (rs, n) -> {
              long pid = rs.getLong("driver_pid");
              Optional<DriverRecord> driver =
                  rs.wasNull()
                      ? Optional.empty()
                      : Optional.of(
                          new DriverRecord(
                              pid,
                              instant(rs, "driver_started_at"),
                              (Integer) rs.getObject("run_uid"),
                              rs.getString("token_hash")));
              return new Unfinished(map(rs, n), driver);
            })
        .list();
  }

  void markFinished(RunView run, String stdout, String stderr, List<RunDecision> decisions) {
    jdbc.sql(
            """
            update runs set status = :status, exit_code = :exitCode, finished_at = :finishedAt,
                            error = :error, stats = :stats, stdout = :stdout, stderr = :stderr,
                            decisions = :decisions
            where id = :id
            """)
        .param("status", run.status().name())
        .param("exitCode", run.exitCode())
        .param("finishedAt", time(run.finishedAt()))
        .param("error", run.error())
        .param("stats", run.stats() == null ? null : json.writeValueAsString(run.stats()))
        .param("stdout", stdout)
        .param("stderr", stderr)
        .param("decisions", decisions.isEmpty() ? null : json.writeValueAsString(decisions))
        .param("id", run.id())
        .update();
  }

  /** The decisions a finished run's adaptive policy made, oldest first; empty if none. */
  Optional<List<RunDecision>> decisions(String id) {
    return jdbc.sql("select decisions from runs where id = :id")
        .param("id", id)
        .query((rs, n) -> Optional.ofNullable(rs.getString("decisions")))
        .optional()
        .map(text -> text.map(this::readDecisions).orElse(List.of()));
  }

  private List<RunDecision> readDecisions(String text) {
    return List.of(json.readValue(text, RunDecision[].class));
  }

  Optional<RunView> find(String id) {
    return jdbc.sql("select * from runs where id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  List<RunView> list(String programId, int limit) {
    String where = programId == null ? "" : "where program_id = :programId ";
    var spec =
        jdbc.sql("select * from runs " + where + "order by created_at desc, id limit :limit")
            .param("limit", limit);
    if (programId != null) {
      spec = spec.param("programId", programId);
    }
    return spec.query(this::map).list();
  }

  /**
   * A page of runs, newest first, optionally of one program and one status, starting after {@code
   * after} (its creation time and id). Reads neither output column; reads the stats only when
   * {@code withStats} (otherwise the views carry empty stats).
   */
  List<RunView> page(
      String programId,
      RunStatus status,
      Optional<Paging.Cursor> after,
      int limit,
      boolean withStats) {
    StringBuilder sql =
        new StringBuilder(
            "select id, program_id, main_class, args, heuristic, tunables, deadline_seconds,"
                + " max_heap_bytes, adaptive_policy, status, exit_code, created_at, started_at,"
                + " finished_at, error, "
                + (withStats ? "stats" : "null as stats")
                + " from runs where 1 = 1");
    if (programId != null) {
      sql.append(" and program_id = :programId");
    }
    if (status != null) {
      sql.append(" and status = :status");
    }
    if (after.isPresent()) {
      sql.append(" and (created_at < :at or (created_at = :at and id > :id))");
    }
    sql.append(" order by created_at desc, id limit :limit");
    var spec = jdbc.sql(sql.toString()).param("limit", limit);
    if (programId != null) {
      spec = spec.param("programId", programId);
    }
    if (status != null) {
      spec = spec.param("status", status.name());
    }
    if (after.isPresent()) {
      spec = spec.param("at", time(after.get().at())).param("id", after.get().id());
    }
    return spec.query(this::map).list();
  }

  /** The stored stdout or stderr of a finished run. */
  Optional<String> output(String id, boolean stderr) {
    return jdbc.sql("select " + (stderr ? "stderr" : "stdout") + " from runs where id = :id")
        .param("id", id)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)).orElse(""))
        .optional();
  }

  private RunView map(ResultSet rs, int row) throws SQLException {
    String stats = rs.getString("stats");
    int exit = rs.getInt("exit_code");
    Integer exitCode = rs.wasNull() ? null : exit;
    long deadline = rs.getLong("deadline_seconds");
    Long deadlineSeconds = rs.wasNull() ? null : deadline;
    long maxHeapBytes = rs.getLong("max_heap_bytes");
    return new RunView(
        rs.getString("id"),
        rs.getString("program_id"),
        rs.getString("main_class"),
        json.readValue(rs.getString("args"), STRINGS),
        rs.getString("heuristic"),
        json.readValue(rs.getString("tunables"), OBJECT),
        deadlineSeconds,
        maxHeapBytes,
        rs.getString("adaptive_policy"),
        RunStatus.valueOf(rs.getString("status")),
        exitCode,
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("error"),
        stats == null ? RunStats.empty() : json.readValue(stats, RunStats.class));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
