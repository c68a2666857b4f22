package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.security.RunGrant;
import org.junit.jupiter.api.Test;

class RunCredentialsTests {

  @Test
  void aRunsCredentialOpensOnlyItsRunUntilRevokedAndSurvivesARestartByItsHash() {
    RunCredentials credentials = new RunCredentials();
    RunCredentials.Issued a = credentials.issue("run-a", "program-1");
    RunCredentials.Issued b = credentials.issue("run-b", "program-2");

    assertThat(credentials.verify(a.token())).contains(new RunGrant("run-a", "program-1"));
    assertThat(credentials.verify(b.token())).contains(new RunGrant("run-b", "program-2"));
    assertThat(credentials.verify(a.hash())).isEmpty();
    assertThat(credentials.verify("run-guess")).isEmpty();

    credentials.revoke("run-a");
    assertThat(credentials.verify(a.token())).isEmpty();

    RunCredentials restarted = new RunCredentials();
    restarted.restore(b.hash(), "run-b", "program-2");
    assertThat(restarted.verify(b.token())).contains(new RunGrant("run-b", "program-2"));
  }
}
