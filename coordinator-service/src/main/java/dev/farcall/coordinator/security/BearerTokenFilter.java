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
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  BearerTokenFilter(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        Optional<Role> role = tokens.roleOf(header.substring(BEARER.length()).strip());
        if (role.isPresent()) {
          SecurityContext context = contexts.createEmptyContext();
          context.setAuthentication(authentication(role.get()));
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
}
