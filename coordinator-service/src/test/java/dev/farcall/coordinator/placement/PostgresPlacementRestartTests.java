package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PlacementRestartTests} on PostgreSQL, in a schema of its own dropped afterwards. */
class PostgresPlacementRestartTests extends PlacementRestartTests {

  private static PostgresTestDatabase database;

  @BeforeAll
  static void createSchema() {
    database = PostgresTestDatabase.createSchema();
  }

  @AfterAll
  static void dropSchema() {
    if (database != null) {
      database.drop();
    }
  }

  @Override
  List<String> databaseArguments() {
    return database.springArguments();
  }

  @Override
  Connection connectToDatabase() throws SQLException {
    return database.connection();
  }
}
