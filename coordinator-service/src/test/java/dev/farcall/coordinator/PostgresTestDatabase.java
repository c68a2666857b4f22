package dev.farcall.coordinator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests run against: by default 127.0.0.1:5432, database {@code test},
 * user {@code postgres}, trust auth, as on the build machines. The system property {@value
 * #URL_PROPERTY} (or the environment variable {@value #URL_VARIABLE}) points elsewhere, which is
 * also how the "PostgreSQL missing" case is shown (a port nothing listens on).
 *
 * <p>Each test class gets a schema of its own, dropped afterwards, because the server is shared
 * with other test runs and other engineers' builds.
 *
 * <p>Under {@code CI=true} an unreachable server fails the test, naming the server: CI must never
 * go green because the PostgreSQL tests quietly did not run. Elsewhere the tests are skipped with a
 * loud message on standard error.
 */
public final class PostgresTestDatabase {

  /** System property naming the JDBC URL of the server (without a schema). */
  public static final String URL_PROPERTY = "farcall.test.postgres.url";

  /** Environment variable naming the JDBC URL of the server, if the property is not set. */
  public static final String URL_VARIABLE = "FARCALL_TEST_POSTGRES_URL";

  /** The build machines' server. */
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /** The user with trust authentication on the build machines. */
  public static final String USER = "postgres";

  private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "");

  private PostgresTestDatabase() {}

  /**
   * A new schema on the server, or the test is failed (CI) or skipped (elsewhere) when the server
   * does not answer.
   */
  public static PostgresTestDatabase createSchema() {
    requireServer();
    PostgresTestDatabase database = new PostgresTestDatabase();
    database.execute("CREATE SCHEMA " + database.schema);
    return database;
  }

  /** The server's JDBC URL, without a schema. */
  public static String serverUrl() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(URL_VARIABLE);
    }
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  /** Fails (CI) or aborts (elsewhere) the current test when the server does not answer. */
  public static void requireServer() {
    String url = serverUrl();
    try (Connection ignored = connect(url)) {
      return;
    } catch (SQLException e) {
      String message =
          "PostgreSQL is not reachable at "
              + url
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "); start it or point "
              + URL_PROPERTY
              + " / "
              + URL_VARIABLE
              + " at one";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true requires PostgreSQL: " + message, e);
      }
      System.err.println("!!! SKIPPING the PostgreSQL tests: " + message + " !!!");
      Assumptions.abort(message);
    }
  }

  /** The JDBC URL of this schema. */
  public String url() {
    String server = serverUrl();
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Spring Boot arguments that point a coordinator at this schema. */
  public List<String> springArguments() {
    return List.of(
        "--spring.datasource.url=" + url(),
        "--spring.datasource.username=" + USER,
        "--spring.datasource.password=");
  }

  /** A connection to this schema. */
  public Connection connection() throws SQLException {
    return connect(url());
  }

  /** Drops the schema and everything in it; quiet when the server went away meanwhile. */
  public void drop() {
    try {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (IllegalStateException e) {
      // Only reached when the server went away; nothing to clean then.
    }
  }

  private void execute(String sql) {
    try (Connection connection = connect(serverUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on " + serverUrl() + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(url, USER, "");
  }
}
