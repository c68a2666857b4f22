package dev.farcall.coordinator.security;

import java.util.Locale;

/** What a token may do. */
enum Role {
  /** Everything. */
  ADMIN,
  /** Read (GET) everything. */
  VIEWER,
  /** Download program jars (and, later, register). */
  WORKER,
  /** A run's driver: read its own run, download its own program's jar (see {@link RunGrant}). */
  RUN;

  /** The Spring Security authority of this role. */
  String authority() {
    return "ROLE_" + name();
  }

  /** Lower-case name, as shown to clients. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
