package dev.farcall.coordinator.program;

import dev.farcall.coordinator.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The program store on PostgreSQL ({@link PostgresTestDatabase}: 127.0.0.1:5432 unless told
 * otherwise), in a fresh schema of its own that is dropped afterwards, since other test runs may
 * share the server. Under {@code CI=true} an unreachable server fails the class; elsewhere it is
 * skipped with a loud message.
 */
@DirtiesContext
class PostgresProgramStoreTests extends ProgramStoreContractTests {

  private static PostgresTestDatabase database;

  @BeforeAll
  static void requirePostgres() {
    PostgresTestDatabase.requireServer();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    database = PostgresTestDatabase.createSchema();
    String url = database.url();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void dropSchema() {
    if (database != null) {
      database.drop();
    }
  }
}
