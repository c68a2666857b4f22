package dev.farcall.coordinator;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link CoordinatorRestartTests} on PostgreSQL, in a schema of its own dropped afterwards. */
class PostgresCoordinatorRestartTests extends CoordinatorRestartTests {

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
}
