package dev.farcall.coordinator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** Entry point of the Farcall coordinator. */
// Callers authenticate with bearer tokens only; no user store, no generated password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CoordinatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CoordinatorApplication.class, args);
  }
}
