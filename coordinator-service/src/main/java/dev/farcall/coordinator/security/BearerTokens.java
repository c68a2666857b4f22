package dev.farcall.coordinator.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The configured token of each role, and which role a presented token grants. */
final class BearerTokens {

  private final Map<Role, String> tokens;

  /**
   * @param tokens the token of each role that has one
   * @throws IllegalStateException if two roles share a token
   */
  BearerTokens(Map<Role, String> tokens) {
    this.tokens = new EnumMap<>(tokens);
    for (Role a : this.tokens.keySet()) {
      for (Role b : this.tokens.keySet()) {
        if (a.compareTo(b) < 0 && this.tokens.get(a).equals(this.tokens.get(b))) {
          throw new IllegalStateException(
              "The " + a.label() + " and " + b.label() + " tokens must differ");
        }
      }
    }
  }

  /**
   * The role {@code presented} grants, if any. Every configured token is compared, whatever matched
   * earlier, so the time taken does not tell which role a guess came close to.
   */
  Optional<Role> roleOf(String presented) {
    Role granted = null;
    for (Map.Entry<Role, String> entry : tokens.entrySet()) {
      boolean matches = TokenComparison.matches(entry.getValue(), presented);
      if (matches && granted == null) {
        granted = entry.getKey();
      }
    }
    return Optional.ofNullable(granted);
  }

  @Override
  public String toString() {
    return "BearerTokens" + tokens.keySet();
  }
}
