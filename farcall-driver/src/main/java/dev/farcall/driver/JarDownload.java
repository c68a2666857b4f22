package dev.farcall.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches the program's jar from the coordinator with the run's own credential (the driver cannot
 * read the coordinator's data directory) and checks its SHA-256 before anything of it is loaded.
 */
final class JarDownload {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private JarDownload() {}

  /**
   * Downloads {@code url} to {@code target}.
   *
   * @throws DriverFailure when the coordinator refuses, or the bytes are not the expected jar
   */
  static void fetch(String url, String token, String sha256, Path target) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new DriverFailure(
            "the coordinator answered " + response.statusCode() + " to the jar download " + url);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = response.body();
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
    } catch (IOException e) {
      throw new DriverFailure("cannot download the program's jar from " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverFailure("interrupted while downloading the program's jar", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
