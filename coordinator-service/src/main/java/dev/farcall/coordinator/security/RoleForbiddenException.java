package dev.farcall.coordinator.security;

import dev.farcall.coordinator.system.FarcallException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A valid token whose role may not do what was asked (403, {@code forbidden}). */
public class RoleForbiddenException extends FarcallException {

  private final String role;

  RoleForbiddenException(String role, String method, String path) {
    super("The " + role + " role may not " + method + " " + path);
    this.role = role;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.FORBIDDEN;
  }

  @Override
  public String problemType() {
    return "forbidden";
  }

  @Override
  public String title() {
    return "Forbidden";
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("role", role);
  }
}
