package dev.farcall.local;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The bearer tokens of a local cluster. A token set in the environment wins; otherwise it comes
 * from (or is generated into) a file in the data directory.
 *
 * @param admin the admin token (everything)
 * @param viewer the viewer token (GET only)
 * @param worker the token the workers use to fetch jars
 * @param adminFromEnvironment whether the admin token came from {@code FARCALL_ADMIN_TOKEN}
 */
public record LocalTokens(
    String admin, String viewer, String worker, boolean adminFromEnvironment) {

  /** The file under the data directory that keeps a generated admin token. */
  public static final String ADMIN_TOKEN_FILE = "admin-token";

  /** The file under the data directory that keeps a generated viewer token. */
  public static final String VIEWER_TOKEN_FILE = "viewer-token";

  /** The file under the data directory that keeps a generated worker token. */
  public static final String WORKER_TOKEN_FILE = "worker-token";

  /** Tokens from the process environment or the data directory. */
  public static LocalTokens resolve(Path dataDir) {
    return resolve(dataDir, System::getenv);
  }

  /** Tokens from {@code env} (e.g. {@code System::getenv}) or the data directory. */
  public static LocalTokens resolve(Path dataDir, Function<String, String> env) {
    String adminEnv = env.apply("FARCALL_ADMIN_TOKEN");
    boolean adminFromEnv = adminEnv != null && !adminEnv.isBlank();
    return new LocalTokens(
        adminFromEnv ? adminEnv.trim() : TokenFile.readOrCreate(dataDir.resolve(ADMIN_TOKEN_FILE)),
        fromEnvOrFile(env.apply("FARCALL_VIEWER_TOKEN"), dataDir.resolve(VIEWER_TOKEN_FILE)),
        fromEnvOrFile(env.apply("FARCALL_WORKER_TOKEN"), dataDir.resolve(WORKER_TOKEN_FILE)),
        adminFromEnv);
  }

  private static String fromEnvOrFile(String fromEnv, Path file) {
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : TokenFile.readOrCreate(file);
  }

  /** Never shows the secrets, so a record printed in a log leaks nothing. */
  @Override
  public String toString() {
    return "LocalTokens[admin=***, viewer=***, worker=***, adminFromEnvironment="
        + adminFromEnvironment
        + "]";
  }
}
