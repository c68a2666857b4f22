package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.system.StoredJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code heuristic_settings} table: row {@code global} holds the placement heuristic's
 * settings, row {@code adaptive} the adaptive policy's (its name in column {@code heuristic}).
 */
@Repository
class SettingsRepository {

  private static final String GLOBAL = "global";
  private static final String ADAPTIVE = "adaptive";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SettingsRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = StoredJson.tolerant(json);
  }

  /** The placement heuristic's settings, if ever saved. */
  Optional<HeuristicSettings> find() {
    return find(GLOBAL);
  }

  /** The adaptive policy's settings (policy name and given tunables), if ever saved. */
  Optional<HeuristicSettings> findAdaptive() {
    return find(ADAPTIVE);
  }

  @Transactional
  void save(HeuristicSettings settings) {
    save(GLOBAL, settings);
  }

  @Transactional
  void saveAdaptive(HeuristicSettings settings) {
    save(ADAPTIVE, settings);
  }

  @SuppressWarnings("unchecked")
  private Optional<HeuristicSettings> find(String id) {
    return jdbc.sql("SELECT heuristic, tunables FROM heuristic_settings WHERE id = ?")
        .param(id)
        .query(
            (rs, row) ->
                new HeuristicSettings(
                    rs.getString("heuristic"),
                    (Map<String, Object>)
                        json.readValue(rs.getString("tunables"), LinkedHashMap.class)))
        .optional();
  }

  private void save(String id, HeuristicSettings settings) {
    String tunables = json.writeValueAsString(new TreeMap<>(settings.given()));
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "UPDATE heuristic_settings SET heuristic = ?, tunables = ?, updated_at = ?"
                    + " WHERE id = ?")
            .params(settings.heuristic(), tunables, now, id)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO heuristic_settings (id, heuristic, tunables, updated_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(id, settings.heuristic(), tunables, now)
          .update();
    }
  }
}
