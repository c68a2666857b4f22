package dev.farcall.local;

import java.nio.file.Path;

/**
 * The options of {@code ./farcall local}.
 *
 * @param port the coordinator's HTTP port on 127.0.0.1 (0 picks a free one)
 * @param dataDir where programs, the database, the broker's logs and the tokens live
 * @param workers how many workers to start in this JVM
 * @param kafkaPort the embedded broker's client port (0 picks a free one)
 * @param help whether the user asked for the usage text instead of a cluster
 */
public record LocalOptions(int port, Path dataDir, int workers, int kafkaPort, boolean help) {

  /** The coordinator's port when none is given. */
  public static final int DEFAULT_PORT = 8080;

  /** The data directory when none is given, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /** How many workers run when no count is given. */
  public static final int DEFAULT_WORKERS = 2;

  /** More in-process workers than this only compete for the same cores. */
  public static final int MAX_WORKERS = 64;

  /** The usage text printed by {@code --help} and after a usage error. */
  public static final String USAGE =
      """
      Usage: farcall local [--port N] [--data-dir DIR] [--workers N] [--kafka-port N]

        --port N        HTTP port of the coordinator (default 8080; 0 = any free port)
        --data-dir DIR  programs, database, broker logs and tokens (default ./data)
        --workers N     workers started in this process (default 2)
        --kafka-port N  client port of the embedded Kafka broker (default 0 = any free port)

      Environment: FARCALL_ADMIN_TOKEN, FARCALL_VIEWER_TOKEN, FARCALL_WORKER_TOKEN set the tokens;
      unset tokens are generated once and kept in <data-dir>/admin-token (and viewer-token,
      worker-token), readable only by you.
      """;

  /** The options used when the command line is empty. */
  public static LocalOptions defaults() {
    return new LocalOptions(DEFAULT_PORT, DEFAULT_DATA_DIR, DEFAULT_WORKERS, 0, false);
  }

  /** Copy with another coordinator port. */
  public LocalOptions withPort(int newPort) {
    return new LocalOptions(newPort, dataDir, workers, kafkaPort, help);
  }

  /** Copy with another data directory. */
  public LocalOptions withDataDir(Path newDataDir) {
    return new LocalOptions(port, newDataDir, workers, kafkaPort, help);
  }

  /** Copy with another worker count. */
  public LocalOptions withWorkers(int newWorkers) {
    return new LocalOptions(port, dataDir, newWorkers, kafkaPort, help);
  }

  /**
   * Parses a command line. Each option takes its value as the next argument or after {@code =}
   * ({@code --port 9090} or {@code --port=9090}).
   *
   * @throws UsageException naming the offending argument when the command line is not valid
   */
  public static LocalOptions parse(String... args) {
    LocalOptions options = defaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new LocalOptions(
            options.port, options.dataDir, options.workers, options.kafkaPort, true);
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (!isKnown(name)) {
          throw new UsageException("unknown option " + name);
        }
        if (i + 1 >= args.length) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      options =
          switch (name) {
            case "--port" -> options.withPort(port(name, value));
            case "--kafka-port" ->
                new LocalOptions(
                    options.port, options.dataDir, options.workers, port(name, value), false);
            case "--workers" -> options.withWorkers(number(name, value, 0, MAX_WORKERS));
            case "--data-dir" -> {
              if (value.isBlank()) {
                throw new UsageException("option --data-dir needs a directory");
              }
              yield options.withDataDir(Path.of(value));
            }
            default -> throw new UsageException("unknown option " + name);
          };
    }
    return options;
  }

  private static boolean isKnown(String name) {
    return switch (name) {
      case "--port", "--kafka-port", "--workers", "--data-dir" -> true;
      default -> false;
    };
  }

  private static int port(String name, String value) {
    return number(name, value, 0, 65_535);
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new UsageException(
        "option " + name + " needs a number from " + min + " to " + max + ", got '" + value + "'");
  }
}
