package dev.farcall.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokensTests {

  private final BearerTokens tokens =
      new BearerTokens(
          Map.of(Role.ADMIN, "admin-secret", Role.VIEWER, "viewer-secret", Role.WORKER, "w-s"));

  @Test
  void eachTokenGrantsItsRole() {
    assertThat(tokens.roleOf("admin-secret")).contains(Role.ADMIN);
    assertThat(tokens.roleOf("viewer-secret")).contains(Role.VIEWER);
    assertThat(tokens.roleOf("w-s")).contains(Role.WORKER);
  }

  @Test
  void unknownTokenGrantsNothing() {
    assertThat(tokens.roleOf("admin-secreT")).isEmpty();
    assertThat(tokens.roleOf("")).isEmpty();
  }

  @Test
  void roleWithoutTokenCannotBeReached() {
    BearerTokens adminOnly = new BearerTokens(Map.of(Role.ADMIN, "a"));

    assertThat(adminOnly.roleOf("")).isEmpty();
    assertThat(adminOnly.roleOf("a")).contains(Role.ADMIN);
  }

  @Test
  void twoRolesSharingATokenAreRefusedAtStart() {
    assertThatThrownBy(() -> new BearerTokens(Map.of(Role.ADMIN, "same", Role.VIEWER, "same")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("admin")
        .hasMessageContaining("viewer")
        .hasMessageNotContaining("same");
  }

  @Test
  void toStringHidesTheTokens() {
    assertThat(tokens.toString()).doesNotContain("secret");
  }
}
