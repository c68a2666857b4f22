package dev.farcall.coordinator.run.driver;

import dev.farcall.coordinator.security.RunGrant;
import dev.farcall.coordinator.security.RunTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of running runs: one random token per run, handed to its driver on its standard
 * input and valid until the run ends. Only the token's SHA-256 is kept (in memory, and in the run's
 * row so that a restarted coordinator still knows it), never the token itself.
 */
public final class RunCredentials implements RunTokenVerifier {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, RunGrant> byHash = new ConcurrentHashMap<>();

  /** A fresh credential for a run. */
  public Issued issue(String runId, String programId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "run-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = hash(token);
    byHash.put(hash, new RunGrant(runId, programId));
    return new Issued(token, hash);
  }

  /** A token and the hash that is stored. */
  public record Issued(String token, String hash) {}

  /** Accepts again the credential of a run found running after a restart. */
  public void restore(String hash, String runId, String programId) {
    if (hash != null) {
      byHash.put(hash, new RunGrant(runId, programId));
    }
  }

  /** The run ended: its credential no longer opens anything. */
  public void revoke(String runId) {
    byHash.values().removeIf(g -> g.runId().equals(runId));
  }

  @Override
  public Optional<RunGrant> verify(String token) {
    if (token == null || !token.startsWith("run-")) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHash.get(hash(token)));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
