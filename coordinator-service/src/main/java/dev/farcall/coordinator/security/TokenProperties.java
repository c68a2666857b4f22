package dev.farcall.coordinator.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bearer tokens of the three roles. A missing admin or worker token is generated at start and
 * kept in {@code <data-dir>/admin-token} or {@code <data-dir>/worker-token} (mode 0600); a missing
 * viewer token means there is no viewer access. Tokens are secrets: never log them.
 */
@ConfigurationProperties("farcall.security")
public class TokenProperties {

  /** Token of the admin role, which may do everything (env {@code FARCALL_ADMIN_TOKEN}). */
  private String adminToken;

  /**
   * Token of the viewer role, which may read (GET) everything (env {@code FARCALL_VIEWER_TOKEN}).
   */
  private String viewerToken;

  /**
   * Token of the worker role, which may download program jars (env {@code FARCALL_WORKER_TOKEN}).
   */
  private String workerToken;

  public String getAdminToken() {
    return adminToken;
  }

  public void setAdminToken(String adminToken) {
    this.adminToken = adminToken;
  }

  public String getViewerToken() {
    return viewerToken;
  }

  public void setViewerToken(String viewerToken) {
    this.viewerToken = viewerToken;
  }

  public String getWorkerToken() {
    return workerToken;
  }

  public void setWorkerToken(String workerToken) {
    this.workerToken = workerToken;
  }

  @Override
  public String toString() {
    // Keeps the tokens out of anything that prints this object.
    return "TokenProperties[tokens hidden]";
  }
}
