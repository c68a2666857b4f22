package dev.farcall.coordinator.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.coordinator.CoordinatorTestBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgramFilesTests {

  private final Path dataDir = CoordinatorTestBase.newDataDir();
  private final ProgramFiles files = new ProgramFiles(dataDir);

  @Test
  void receivedJarIsHashedAndCommittedUnderItsSha256() throws IOException {
    byte[] jar = TestJars.jar();

    try (ProgramFiles.Received received = files.receive(new ByteArrayInputStream(jar), 1 << 20)) {
      assertThat(received.sha256()).isEqualTo(ProgramStoreContractTests.sha256(jar));
      assertThat(received.size()).isEqualTo(jar.length);

      Path stored = files.commit(received);

      assertThat(stored).isEqualTo(dataDir.resolve("programs").resolve(received.sha256() + ".jar"));
      assertThat(Files.readAllBytes(stored)).isEqualTo(jar);
    }
    assertThat(files.storedSha256s()).containsExactly(ProgramStoreContractTests.sha256(jar));
    assertThat(incoming()).isEmptyDirectory();
  }

  @Test
  void contentOverTheLimitIsRefusedAndLeavesNoFile() {
    byte[] jar = TestJars.incompressibleJar(64 * 1024);

    assertThatThrownBy(() -> files.receive(new ByteArrayInputStream(jar), 16 * 1024))
        .isInstanceOf(JarTooLargeException.class)
        .hasMessageContaining("farcall.programs.max-jar-size");
    assertThat(incoming()).isEmptyDirectory();
  }

  @Test
  void receivedButUncommittedJarIsDeletedOnClose() throws IOException {
    Path temp;
    try (ProgramFiles.Received received =
        files.receive(new ByteArrayInputStream(TestJars.jar()), 1 << 20)) {
      temp = received.file();
      assertThat(temp).exists();
    }
    assertThat(temp).doesNotExist();
  }

  @Test
  void leftoversOfInterruptedUploadsAreRemovedAtStart() throws IOException {
    Path leftover = incoming().resolve("crashed.part");
    Files.write(leftover, new byte[] {1, 2, 3});

    new ProgramFiles(dataDir);

    assertThat(leftover).doesNotExist();
  }

  private Path incoming() {
    return dataDir.resolve("programs").resolve(".incoming");
  }
}
