package dev.farcall.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetches the program's jar from the coordinator with the run's own credential (the driver cannot
 * read the coordinator's data directory) and checks its SHA-256 before anything of it is loaded.
 * Through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building the latter sets
 * up TLS and a selector thread even for a plain-HTTP URL, which took about half a second of a
 * driver's start on 2 cores, before the program's first instruction.
 */
final class JarDownload {

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** Longest wait for the next bytes of the answer. */
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private JarDownload() {}

  /**
   * Downloads {@code url} to {@code target}.
   *
   * @throws DriverFailure when the coordinator refuses, or the bytes are not the expected jar
   */
  static void fetch(String url, String token, String sha256, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setRequestProperty("Authorization", "Bearer " + token);
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new DriverFailure(
            "the coordinator answered " + status + " to the jar download " + url);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = connection.getInputStream();
          OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
        in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equalsIgnoreCase(sha256)) {
        Files.deleteIfExists(partial);
        throw new DriverFailure(
            "the downloaded jar has SHA-256 " + actual + ", the run expects " + sha256);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | IllegalArgumentException e) {
      throw new DriverFailure("cannot download the program's jar from " + url + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
