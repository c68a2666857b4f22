package dev.farcall.coordinator.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code program_profiles} table: one row per program content and method. */
@Repository
class ProfileRepository {

  private final JdbcClient jdbc;

  ProfileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every method profile of a program's content, by method key. */
  List<SiteProfile> all(String jarSha256) {
    return jdbc.sql("select * from program_profiles where jar_sha256 = :sha order by method_key")
        .param("sha", jarSha256)
        .query(ProfileRepository::map)
        .list();
  }

  Optional<SiteProfile> find(String jarSha256, String methodKey) {
    return jdbc.sql("select * from program_profiles where jar_sha256 = :sha and method_key = :key")
        .param("sha", jarSha256)
        .param("key", methodKey)
        .query(ProfileRepository::map)
        .optional();
  }

  /** Stores a profile, replacing the method's row if there is one (callers serialise writers). */
  void save(String jarSha256, SiteProfile p) {
    int updated =
        bind(
                jdbc.sql(
                    """
                    update program_profiles set local_work_nanos = :localWork,
                      local_timed_calls = :localTimed, remote_work_nanos = :remoteWork,
                      round_trip_nanos = :roundTrip, remote_calls = :remoteCalls,
                      mean_bytes = :bytes, learned_decision = :decision,
                      learned_reason = :reason, run_id = :runId, updated_at = :at
                    where jar_sha256 = :sha and method_key = :key
                    """),
                jarSha256,
                p)
            .update();
    if (updated == 0) {
      bind(
              jdbc.sql(
                  """
                  insert into program_profiles (jar_sha256, method_key, local_work_nanos,
                    local_timed_calls, remote_work_nanos, round_trip_nanos, remote_calls,
                    mean_bytes, learned_decision, learned_reason, run_id, updated_at)
                  values (:sha, :key, :localWork, :localTimed, :remoteWork, :roundTrip,
                    :remoteCalls, :bytes, :decision, :reason, :runId, :at)
                  """),
              jarSha256,
              p)
          .update();
    }
  }

  private static JdbcClient.StatementSpec bind(
      JdbcClient.StatementSpec spec, String jarSha256, SiteProfile p) {
    return spec.param("sha", jarSha256)
        .param("key", p.methodKey())
        .param("localWork", value(p.localWorkNanos()))
        .param("localTimed", p.localTimedCalls())
        .param("remoteWork", value(p.remoteWorkNanos()))
        .param("roundTrip", value(p.roundTripNanos()))
        .param("remoteCalls", p.remoteCalls())
        .param("bytes", value(p.meanBytes()))
        .param("decision", p.learnedDecision().orElse(null))
        .param("reason", p.learnedReason().orElse(null))
        .param("runId", p.runId())
        .param("at", OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC));
  }

  private static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  private static OptionalDouble optional(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static SiteProfile map(ResultSet rs, int row) throws SQLException {
    return new SiteProfile(
        rs.getString("method_key"),
        optional(rs, "local_work_nanos"),
        rs.getLong("local_timed_calls"),
        optional(rs, "remote_work_nanos"),
        optional(rs, "round_trip_nanos"),
        rs.getLong("remote_calls"),
        optional(rs, "mean_bytes"),
        Optional.ofNullable(rs.getString("learned_decision")),
        Optional.ofNullable(rs.getString("learned_reason")),
        rs.getString("run_id"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
