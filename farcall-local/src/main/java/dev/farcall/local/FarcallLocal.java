package dev.farcall.local;

import java.io.PrintStream;

/**
 * The local launcher behind {@code ./farcall local}: parses the options, starts a {@link
 * LocalCluster}, prints where to reach it, and stops it in order on Ctrl-C or SIGTERM.
 */
public final class FarcallLocal {

  /** Exit status for a command line the launcher does not accept. */
  static final int EXIT_USAGE = 2;

  /** Exit status when the cluster could not start. */
  static final int EXIT_FAILED = 1;

  private FarcallLocal() {}

  public static void main(String[] args) {
    LocalOptions options;
    try {
      options = LocalOptions.parse(args);
    } catch (UsageException e) {
      System.err.println("farcall local: " + e.getMessage());
      System.err.println();
      System.err.print(LocalOptions.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    if (options.help()) {
      System.out.print(LocalOptions.USAGE);
      return;
    }
    LocalCluster cluster;
    try {
      cluster = LocalCluster.start(options);
    } catch (RuntimeException | LinkageError e) {
      System.err.println("farcall local: could not start: " + explain(e, options));
      System.exit(EXIT_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "farcall-local-shutdown"));
    printBanner(System.out, cluster);
  }

  static void printBanner(PrintStream out, LocalCluster cluster) {
    LocalTokens tokens = cluster.tokens();
    String token =
        tokens.adminFromEnvironment()
            ? "from FARCALL_ADMIN_TOKEN"
            : tokens.admin()
                + ", kept in "
                + cluster.dataDir().resolve(LocalTokens.ADMIN_TOKEN_FILE);
    out.println();
    out.println("Farcall is up: " + cluster.apiUrl() + "  (admin token: " + token + ")");
    out.println("  Swagger UI: " + cluster.swaggerUrl());
    out.println(
        "  Workers:    "
            + cluster.workerIds().size()
            + " in this process; broker at "
            + cluster.bootstrapServers());
    out.println("  Data:       " + cluster.dataDir());
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** Says what to do for the failures users meet most; the root cause for anything else. */
  static String explain(Throwable e, LocalOptions options) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "port "
            + options.port()
            + " is already in use; stop what listens there or choose another with --port";
      }
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    return t == e ? message : e.getMessage() + " (" + message + ")";
  }
}
