package dev.farcall.coordinator.placement;

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

/** The {@code heuristic_settings} table: a single row, {@code global}. */
@Repository
class SettingsRepository {

  private static final String ID = "global";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SettingsRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @SuppressWarnings("unchecked")
  Optional<HeuristicSettings> find() {
    return jdbc.sql("SELECT heuristic, tunables FROM heuristic_settings WHERE id = ?")
        .param(ID)
        .query(
            (rs, row) ->
                new HeuristicSettings(
                    rs.getString("heuristic"),
                    (Map<String, Object>)
                        json.readValue(rs.getString("tunables"), LinkedHashMap.class)))
        .optional();
  }

  @Transactional
  void save(HeuristicSettings settings) {
    String tunables = json.writeValueAsString(new TreeMap<>(settings.given()));
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "UPDATE heuristic_settings SET heuristic = ?, tunables = ?, updated_at = ?"
                    + " WHERE id = ?")
            .params(settings.heuristic(), tunables, now, ID)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO heuristic_settings (id, heuristic, tunables, updated_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(ID, settings.heuristic(), tunables, now)
          .update();
    }
  }
}
