package dev.farcall.coordinator.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/session}: what the presented token may do, so clients can adapt. */
@RestController
@Tag(name = "Session", description = "The role of the presented token")
class SessionController {

  /** The role of the token a request presented. */
  @Schema(name = "Session")
  record SessionView(
      @Schema(description = "admin, viewer or worker") String role,
      @Schema(description = "Whether it may change things (tunables, overrides, uploads, runs)")
          boolean mayChange) {}

  @GetMapping("/api/v1/session")
  @Operation(summary = "Show the role of the presented token")
  SessionView session(Authentication authentication) {
    String role = authentication.getName();
    return new SessionView(role, Role.ADMIN.label().equals(role));
  }
}
