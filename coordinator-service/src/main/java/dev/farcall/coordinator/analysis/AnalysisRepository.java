package dev.farcall.coordinator.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code program_analyses} table; plain SQL that runs unchanged on H2 and PostgreSQL. Updates
 * that finish a submission name its generation, so they do nothing once a newer one exists.
 */
@Repository
class AnalysisRepository {

  private static final String COLUMNS =
      "program_id, status, generation, error, duration_millis, method_count, movable_count,"
          + " declarations, updated_at";

  private final JdbcClient jdbc;

  AnalysisRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<AnalysisRow> find(String programId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM program_analyses WHERE program_id = ?")
        .param(programId)
        .query(AnalysisRepository::map)
        .optional();
  }

  /** The result JSON of the program's DONE analysis of this generation, if any. */
  Optional<String> result(String programId, long generation) {
    return jdbc.sql(
            "SELECT result FROM program_analyses WHERE program_id = ? AND generation = ?"
                + " AND status = 'DONE'")
        .params(programId, generation)
        .query((rs, row) -> rs.getString("result"))
        .optional();
  }

  /**
   * Marks the program's analysis PENDING under a new generation (creating the row if needed) and
   * returns that generation. The declarations are kept unless {@code declarations} is given.
   *
   * @param replaceDeclarations whether to store {@code declarations} (may be {@code null} to clear)
   */
  long resubmit(String programId, boolean replaceDeclarations, String declarations) {
    Optional<AnalysisRow> existing = find(programId);
    if (existing.isEmpty()) {
      jdbc.sql(
              "INSERT INTO program_analyses (program_id, status, generation, method_count,"
                  + " movable_count, declarations, updated_at) VALUES (?, 'PENDING', 1, 0, 0, ?, ?)")
          .params(programId, replaceDeclarations ? declarations : null, now())
          .update();
      return 1;
    }
    long generation = existing.get().generation() + 1;
    jdbc.sql(
            "UPDATE program_analyses SET status = 'PENDING', generation = ?, error = NULL,"
                + " result = NULL, method_count = 0, movable_count = 0, declarations = ?,"
                + " updated_at = ? WHERE program_id = ?")
        .params(
            generation,
            replaceDeclarations ? declarations : existing.get().declarations(),
            now(),
            programId)
        .update();
    return generation;
  }

  /** PENDING → RUNNING for this generation; false when it was superseded or deleted. */
  boolean markRunning(String programId, long generation) {
    return jdbc.sql(
                "UPDATE program_analyses SET status = 'RUNNING', updated_at = ?"
                    + " WHERE program_id = ? AND generation = ? AND status = 'PENDING'")
            .params(now(), programId, generation)
            .update()
        > 0;
  }

  /** Stores a finished analysis of this generation; false when it was superseded or deleted. */
  boolean markDone(
      String programId,
      long generation,
      String result,
      int methodCount,
      int movableCount,
      long durationMillis) {
    return jdbc.sql(
                "UPDATE program_analyses SET status = 'DONE', result = ?, method_count = ?,"
                    + " movable_count = ?, duration_millis = ?, error = NULL, updated_at = ?"
                    + " WHERE program_id = ? AND generation = ?")
            .params(result, methodCount, movableCount, durationMillis, now(), programId, generation)
            .update()
        > 0;
  }

  /** Stores a failure of this generation; false when it was superseded or deleted. */
  boolean markFailed(String programId, long generation, String error, Long durationMillis) {
    return jdbc.sql(
                "UPDATE program_analyses SET status = 'FAILED', error = ?, result = NULL,"
                    + " duration_millis = ?, updated_at = ? WHERE program_id = ? AND generation = ?")
            .params(error, durationMillis, now(), programId, generation)
            .update()
        > 0;
  }

  /** Programs whose analysis a stop interrupted (PENDING or RUNNING), oldest first. */
  List<String> unfinished() {
    return jdbc.sql(
            "SELECT program_id FROM program_analyses WHERE status IN ('PENDING', 'RUNNING')"
                + " ORDER BY updated_at, program_id")
        .query((rs, row) -> rs.getString(1))
        .list();
  }

  /** Stored programs that have no analysis row (stored before analysis existed, or a crash). */
  List<String> programsWithoutAnalysis() {
    return jdbc.sql(
            "SELECT p.id FROM programs p LEFT JOIN program_analyses a ON a.program_id = p.id"
                + " WHERE a.program_id IS NULL ORDER BY p.uploaded_at, p.id")
        .query((rs, row) -> rs.getString(1))
        .list();
  }

  /** Programs whose analysis is DONE. */
  List<String> done() {
    return jdbc.sql("SELECT program_id FROM program_analyses WHERE status = 'DONE'")
        .query((rs, row) -> rs.getString(1))
        .list();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
  }

  private static AnalysisRow map(ResultSet rs, int row) throws SQLException {
    long duration = rs.getLong("duration_millis");
    Long durationMillis = rs.wasNull() ? null : duration;
    return new AnalysisRow(
        rs.getString("program_id"),
        AnalysisStatus.valueOf(rs.getString("status")),
        rs.getLong("generation"),
        rs.getString("error"),
        durationMillis,
        rs.getInt("method_count"),
        rs.getInt("movable_count"),
        rs.getString("declarations"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
