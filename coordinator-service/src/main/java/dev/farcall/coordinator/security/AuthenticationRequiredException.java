package dev.farcall.coordinator.security;

import dev.farcall.coordinator.system.FarcallException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A request without a valid bearer token (401, {@code unauthorized}). */
public class AuthenticationRequiredException extends FarcallException {

  private final boolean tokenPresented;

  AuthenticationRequiredException(String message, boolean tokenPresented) {
    super(message);
    this.tokenPresented = tokenPresented;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNAUTHORIZED;
  }

  @Override
  public String problemType() {
    return "unauthorized";
  }

  @Override
  public String title() {
    return "Unauthorized";
  }

  @Override
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    // RFC 6750: a rejected token is an invalid_token error; a missing one gets the bare challenge.
    headers.set(
        HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
    return headers;
  }
}
