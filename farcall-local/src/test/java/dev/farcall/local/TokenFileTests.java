package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTests {

  @TempDir Path dir;

  @Test
  void missingTokenIsGeneratedAndWrittenReadableOnlyByTheOwner() throws Exception {
    Path file = dir.resolve("sub").resolve("admin-token");

    String token = TokenFile.readOrCreate(file);

    assertThat(token).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
    assertThat(Files.readString(file).trim()).isEqualTo(token);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void existingTokenIsReusedAndItsPermissionsTightened() throws Exception {
    Path file = dir.resolve("admin-token");
    Files.writeString(file, "kept-token\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(TokenFile.readOrCreate(file)).isEqualTo("kept-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void generatedTokensDiffer() {
    assertThat(TokenFile.newToken()).isNotEqualTo(TokenFile.newToken());
  }

  @Test
  void tokensFromTheEnvironmentWinAndAreNotWritten() {
    Map<String, String> env =
        Map.of("FARCALL_ADMIN_TOKEN", "env-admin", "FARCALL_WORKER_TOKEN", "env-worker");

    LocalTokens tokens = LocalTokens.resolve(dir, env::get);

    assertThat(tokens.admin()).isEqualTo("env-admin");
    assertThat(tokens.adminFromEnvironment()).isTrue();
    assertThat(tokens.worker()).isEqualTo("env-worker");
    assertThat(dir.resolve(LocalTokens.ADMIN_TOKEN_FILE)).doesNotExist();
    assertThat(dir.resolve(LocalTokens.VIEWER_TOKEN_FILE)).exists();
  }

  @Test
  void generatedTokensSurviveASecondResolveAndAreDistinctPerRole() {
    LocalTokens first = LocalTokens.resolve(dir, name -> null);
    LocalTokens second = LocalTokens.resolve(dir, name -> null);

    assertThat(second).isEqualTo(first);
    assertThat(first.adminFromEnvironment()).isFalse();
    assertThat(first.admin()).isNotEqualTo(first.viewer()).isNotEqualTo(first.worker());
    assertThat(first.toString()).doesNotContain(first.admin());
  }
}
