package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.system.StoredJson;
import dev.farcall.heuristics.placement.MethodPlacement;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.PlacementPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code placement_plans} table: every plan version of every program, as JSON columns. */
@Repository
class PlanRepository {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  PlanRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = StoredJson.tolerant(json);
  }

  /**
   * The program's highest plan version, if it has one. Looked up by its key: with {@code ORDER BY
   * version DESC LIMIT 1}, H2 walked the program's index and read every version's row (each with
   * its decisions as JSON) before sorting, so each placement got slower with every version stored
   * (0.75 s per settings change after 1,900 versions).
   */
  Optional<StoredPlan> latest(String programId) {
    return jdbc.sql(
            "SELECT program_id, version, analysis_generation, heuristic, tunables, overrides,"
                + " decisions, created_at FROM placement_plans WHERE program_id = ? AND version ="
                + " (SELECT MAX(version) FROM placement_plans WHERE program_id = ?)")
        .params(programId, programId)
        .query(this::map)
        .optional();
  }

  /**
   * Stores a plan as the next version.
   *
   * @throws org.springframework.dao.DuplicateKeyException if the version is taken
   * @throws org.springframework.dao.DataIntegrityViolationException if the program is gone
   */
  void insert(StoredPlan plan) {
    Map<String, String> overrides = new TreeMap<>();
    plan.overrides().forEach((k, v) -> overrides.put(k, v.name()));
    jdbc.sql(
            "INSERT INTO placement_plans (program_id, version, analysis_generation, heuristic,"
                + " tunables, overrides, decisions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            plan.programId(),
            plan.version(),
            plan.analysisGeneration(),
            plan.plan().heuristic(),
            json.writeValueAsString(plan.plan().tunables()),
            json.writeValueAsString(overrides),
            json.writeValueAsString(plan.plan().decisions()),
            OffsetDateTime.ofInstant(plan.createdAt(), ZoneOffset.UTC))
        .update();
  }

  @SuppressWarnings("unchecked")
  private StoredPlan map(ResultSet rs, int row) throws SQLException {
    Map<String, Object> tunables = json.readValue(rs.getString("tunables"), LinkedHashMap.class);
    Map<String, String> overrideNames = json.readValue(rs.getString("overrides"), TreeMap.class);
    Map<String, OverrideMode> overrides = new TreeMap<>();
    overrideNames.forEach((k, v) -> overrides.put(k, OverrideMode.valueOf(v)));
    List<MethodPlacement> decisions =
        List.of(json.readValue(rs.getString("decisions"), MethodPlacement[].class));
    return new StoredPlan(
        rs.getString("program_id"),
        rs.getInt("version"),
        rs.getLong("analysis_generation"),
        new PlacementPlan(rs.getString("heuristic"), tunables, decisions),
        overrides,
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
