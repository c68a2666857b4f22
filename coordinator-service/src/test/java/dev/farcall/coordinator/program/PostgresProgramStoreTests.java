package dev.farcall.coordinator.program;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The program store on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth), in a fresh schema of its own that is dropped afterwards, since other test runs may
 * share the server. Skipped when no PostgreSQL answers there.
 */
@DirtiesContext
class PostgresProgramStoreTests extends ProgramStoreContractTests {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";
  static final String SCHEMA = "t_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void requirePostgres() {
    String unreachable = null;
    try (Connection ignored = connect(SERVER)) {
      // reachable
    } catch (SQLException e) {
      unreachable = e.getMessage();
    }
    assumeTrue(
        unreachable == null,
        "PostgreSQL is not reachable at " + SERVER + " as " + USER + ": " + unreachable);
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) throws SQLException {
    try (Connection connection = connect(SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + SCHEMA);
    }
    registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection connection = connect(SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    } catch (SQLException e) {
      // Only reached when the server went away; nothing to clean then.
    }
  }

  private static Connection connect(String url) throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(url, USER, "");
  }
}
