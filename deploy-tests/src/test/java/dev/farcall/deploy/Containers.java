package dev.farcall.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can run the compose test: podman, podman-compose and the images the build
 * makes. Without them a developer's build skips the test with a loud message; CI ({@code CI=true},
 * where .ci/run installs podman) fails instead, so a missing tool can never pass as a skipped test
 * there.
 */
final class Containers {

  private Containers() {}

  /** Skips (or, under CI, fails) the calling test unless the tools and images are there. */
  static void requireToolsAndImages(Path repository, StackSettings settings) {
    if (Files.exists(repository.resolve(".env"))) {
      // podman-compose 1.0 lets .env override the environment, so the test's own tokens and
      // port would not be the ones the stack gets
      unavailable(
          repository.resolve(".env")
              + " exists and podman-compose 1.0 gives it precedence over the test's variables:"
              + " move it away to run the compose test");
    }
    if (!ComposeStack.toolsInstalled()) {
      unavailable(
          "podman and podman-compose are not installed (apt-get install -y podman podman-compose"
              + " runc debootstrap, configured as .ci/run does)");
    }
    List<String> missing = ComposeStack.missingImages(settings);
    if (!missing.isEmpty()) {
      unavailable(
          "images "
              + missing
              + " are missing: the build makes them where /usr/bin/podman exists, or run"
              + " deploy/build-images.sh --local-base --test-images after mvn package");
    }
  }

  private static void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and the compose test cannot run: " + why);
    }
    String banner = "*".repeat(100);
    System.err.printf("%n%s%n*** SKIPPING the compose test: %s%n%s%n%n", banner, why, banner);
    Assumptions.abort(why);
  }
}
