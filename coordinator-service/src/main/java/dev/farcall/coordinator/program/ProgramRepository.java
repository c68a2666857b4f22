package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code programs} table; plain SQL that runs unchanged on H2 and PostgreSQL. */
@Repository
class ProgramRepository {

  private static final String COLUMNS =
      "id, name, sha256, size_bytes, class_count, entry_count, uncompressed_bytes, main_class,"
          + " uploaded_at";

  private final JdbcClient jdbc;

  ProgramRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a new program.
   *
   * @throws org.springframework.dao.DuplicateKeyException if its id or SHA-256 is taken
   */
  void insert(StoredProgram program) {
    jdbc.sql("INSERT INTO programs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            program.id(),
            program.name(),
            program.sha256(),
            program.sizeBytes(),
            program.classCount(),
            program.entryCount(),
            program.uncompressedBytes(),
            program.mainClass(),
            OffsetDateTime.ofInstant(program.uploadedAt(), ZoneOffset.UTC))
        .update();
  }

  Optional<StoredProgram> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM programs WHERE id = ?")
        .param(id)
        .query(ProgramRepository::map)
        .optional();
  }

  Optional<StoredProgram> findBySha256(String sha256) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM programs WHERE sha256 = ?")
        .param(sha256)
        .query(ProgramRepository::map)
        .optional();
  }

  /** All programs, oldest first. */
  List<StoredProgram> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM programs ORDER BY uploaded_at, id")
        .query(ProgramRepository::map)
        .list();
  }

  /**
   * A page of programs, oldest first, starting after {@code after} (its upload time and id); reads
   * {@code limit} rows at most, through the {@code (uploaded_at)} index.
   */
  List<StoredProgram> page(Optional<Paging.Cursor> after, int limit) {
    if (after.isEmpty()) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM programs ORDER BY uploaded_at, id LIMIT ?")
          .param(limit)
          .query(ProgramRepository::map)
          .list();
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(after.get().at(), ZoneOffset.UTC);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM programs WHERE uploaded_at > ? OR (uploaded_at = ? AND id > ?)"
                + " ORDER BY uploaded_at, id LIMIT ?")
        .params(at, at, after.get().id(), limit)
        .query(ProgramRepository::map)
        .list();
  }

  /** Deletes the program; false if there was none with this id. */
  boolean deleteById(String id) {
    return jdbc.sql("DELETE FROM programs WHERE id = ?").param(id).update() > 0;
  }

  private static StoredProgram map(ResultSet rs, int row) throws SQLException {
    return new StoredProgram(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("sha256"),
        rs.getLong("size_bytes"),
        rs.getInt("class_count"),
        rs.getInt("entry_count"),
        rs.getLong("uncompressed_bytes"),
        rs.getString("main_class"),
        rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
  }
}
