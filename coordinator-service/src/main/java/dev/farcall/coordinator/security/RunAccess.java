package dev.farcall.coordinator.security;

import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Authorisation of the two paths a run's credential may use: granted to the listed roles, or to a
 * run whose grant names the path's program (jar download) or run (its own status).
 */
final class RunAccess {

  private RunAccess() {}

  /**
   * @param variable the path variable the grant must match: {@code programId} or {@code runId}
   */
  static AuthorizationManager<RequestAuthorizationContext> rolesOrOwnRun(
      String variable, String... roles) {
    return new AuthorizationManager<>() {
      @Override
      public AuthorizationDecision authorize(
          Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication a = authentication.get();
        if (a == null || !a.isAuthenticated()) {
          return new AuthorizationDecision(false);
        }
        boolean hasRole =
            a.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(g -> Arrays.stream(roles).anyMatch(r -> g.equals("ROLE_" + r)));
        if (hasRole) {
          return new AuthorizationDecision(true);
        }
        String value = context.getVariables().get(variable);
        boolean ownRun =
            a.getDetails() instanceof RunGrant grant
                && value != null
                && value.equals(variable.equals("runId") ? grant.runId() : grant.programId());
        return new AuthorizationDecision(ownRun);
      }
    };
  }
}
