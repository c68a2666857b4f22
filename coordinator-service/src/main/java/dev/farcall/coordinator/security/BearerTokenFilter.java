package dev.farcall.coordinator.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests with the role their token grants. A
 * missing or wrong token leaves the request anonymous, and the authorization rules decide (only
 * health answers anonymous requests); the reason is kept for the 401 problem. The token itself is
 * never stored in the authentication nor logged.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  /** Request attribute holding why a presented token was not accepted. */
  static final String REJECTION = BearerTokenFilter.class.getName() + ".rejection";

  private static final String BEARER = "Bearer ";

  private final BearerTokens tokens;
  private final RunTokenVerifier runs;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  BearerTokenFilter(BearerTokens tokens, RunTokenVerifier runs) {
    this.tokens = tokens;
    this.runs = runs;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        String token = header.substring(BEARER.length()).strip();
        Optional<PreAuthenticatedAuthenticationToken> authentication =
            tokens
                .roleOf(token)
                .map(BearerTokenFilter::authentication)
                .or(() -> runs.verify(token).map(BearerTokenFilter::authentication));
        if (authentication.isPresent()) {
          SecurityContext context = contexts.createEmptyContext();
          context.setAuthentication(authentication.get());
          contexts.setContext(context);
        } else {
          request.setAttribute(REJECTION, "The bearer token is not valid");
        }
      } else {
        request.setAttribute(REJECTION, "The Authorization header must use the Bearer scheme");
      }
    }
    chain.doFilter(request, response);
  }

  private static PreAuthenticatedAuthenticationToken authentication(Role role) {
    return new PreAuthenticatedAuthenticationToken(
        role.label(), null, List.of(new SimpleGrantedAuthority(role.authority())));
  }

  /** A run's driver; the grant travels as the authentication's details. */
  private static PreAuthenticatedAuthenticationToken authentication(RunGrant grant) {
    PreAuthenticatedAuthenticationToken run =
        new PreAuthenticatedAuthenticationToken(
            "run " + grant.runId(),
            null,
            List.of(new SimpleGrantedAuthority(Role.RUN.authority())));
    run.setDetails(grant);
    return run;
  }
}
