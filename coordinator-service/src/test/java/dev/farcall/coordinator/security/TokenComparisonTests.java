package dev.farcall.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenComparisonTests {

  private static final String TOKEN = "Q2hhbmdlLW1lLXBsZWFzZS10aGlzLWlzLWEtdGVzdA";

  @Test
  void identicalTokenMatches() {
    assertThat(TokenComparison.matches(TOKEN, new String(TOKEN.toCharArray()))).isTrue();
  }

  @Test
  void tokenDifferingInOneCharacterAnywhereDoesNotMatch() {
    for (int i = 0; i < TOKEN.length(); i++) {
      char[] chars = TOKEN.toCharArray();
      chars[i] = chars[i] == 'x' ? 'y' : 'x';
      assertThat(TokenComparison.matches(TOKEN, new String(chars))).as("position " + i).isFalse();
    }
  }

  @Test
  void prefixesAndExtensionsDoNotMatch() {
    assertThat(TokenComparison.matches(TOKEN, TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
    assertThat(TokenComparison.matches(TOKEN, TOKEN + "x")).isFalse();
    assertThat(TokenComparison.matches(TOKEN, "")).isFalse();
  }

  @Test
  void missingTokensNeverMatch() {
    assertThat(TokenComparison.matches(TOKEN, null)).isFalse();
    assertThat(TokenComparison.matches(null, TOKEN)).isFalse();
    assertThat(TokenComparison.matches(null, null)).isFalse();
  }

  @Test
  void comparisonIsCaseSensitive() {
    assertThat(TokenComparison.matches(TOKEN, TOKEN.toLowerCase())).isFalse();
  }
}
