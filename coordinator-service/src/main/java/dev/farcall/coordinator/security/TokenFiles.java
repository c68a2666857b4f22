package dev.farcall.coordinator.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Generated tokens kept in owner-only files under the data directory, so a restart (and local
 * workers) find the same token.
 */
final class TokenFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dataDir;

  TokenFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A token read from, or freshly generated into, {@code <data-dir>/<fileName>}. */
  record Token(String value, Path file, boolean generated) {
    @Override
    public String toString() {
      return "Token[" + file + (generated ? ", generated" : "") + "]";
    }
  }

  /** The token kept in {@code fileName}; generates and writes one (mode 0600) if there is none. */
  Token readOrGenerate(String fileName) {
    Path file = dataDir.resolve(fileName).toAbsolutePath().normalize();
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!existing.isEmpty()) {
          restrict(file);
          return new Token(existing, file, false);
        }
      }
      String token = generate();
      write(file, token);
      return new Token(token, file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep a token in " + file, e);
    }
  }

  /** A random URL-safe token of 32 bytes. */
  static String generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void write(Path file, String token) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    // Created owner-only, so the token is never readable by others, not even briefly.
    if (posix()) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(temp);
    }
    try {
      Files.writeString(temp, token + System.lineSeparator(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void restrict(Path file) throws IOException {
    if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
