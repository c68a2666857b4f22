package dev.farcall.worker.jar;

import dev.farcall.worker.config.WorkerProperties;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Downloads program jars from the coordinator ({@code GET /api/v1/programs/{id}/jar} with the
 * worker token). Every download goes through the {@code coordinator} circuit breaker, and inside it
 * through the {@code coordinator} retry, so a flapping coordinator is retried a few times and a
 * dead one is not hammered.
 */
public class CoordinatorJarClient {

  /** Name of the circuit breaker and the retry instance in the Resilience4j configuration. */
  public static final String RESILIENCE_ID = "coordinator";

  private static final Logger log = LoggerFactory.getLogger(CoordinatorJarClient.class);

  private final RestClient rest;
  private final String token;
  private final long maxBytes;
  private final CircuitBreaker circuitBreaker;
  private final Retry retry;

  public CoordinatorJarClient(
      WorkerProperties properties, CircuitBreaker circuitBreaker, Retry retry) {
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(properties.getConnectTimeout()).build());
    factory.setReadTimeout(properties.getReadTimeout());
    this.rest =
        RestClient.builder()
            .baseUrl(properties.getCoordinatorUrl().toString())
            .requestFactory(factory)
            .build();
    this.token = properties.getToken();
    this.maxBytes = properties.getMaxJarSize().toBytes();
    this.circuitBreaker = circuitBreaker;
    this.retry = retry;
  }

  /**
   * Writes the jar of a program to {@code target}, replacing whatever it held.
   *
   * @throws JarUnavailableException if the coordinator cannot deliver it
   */
  public void download(String programId, Path target) {
    circuitBreaker.run(
        () -> retry.executeSupplier(() -> downloadOnce(programId, target)),
        failure -> {
          throw asUnavailable(programId, failure);
        });
  }

  private Long downloadOnce(String programId, Path target) {
    log.debug("fetching jar of program {}", programId);
    return rest.get()
        .uri("/api/v1/programs/{id}/jar", programId)
        .headers(
            h -> {
              if (token != null && !token.isBlank()) {
                h.setBearerAuth(token);
              }
            })
        .exchange(
            (request, response) -> {
              HttpStatusCode status = response.getStatusCode();
              if (status.is4xxClientError()) {
                throw new JarRejectedException(programId, "coordinator answered " + status);
              }
              if (!status.is2xxSuccessful()) {
                throw new JarUnavailableException(
                    programId, "coordinator answered " + status, null);
              }
              long declared = response.getHeaders().getContentLength();
              if (declared > maxBytes) {
                throw tooLarge(programId);
              }
              try (InputStream in = response.getBody();
                  OutputStream out = Files.newOutputStream(target)) {
                return copyLimited(programId, in, out);
              }
            },
            true);
  }

  private long copyLimited(String programId, InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(programId);
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private JarRejectedException tooLarge(String programId) {
    return new JarRejectedException(programId, "jar larger than " + maxBytes + " bytes");
  }

  private static JarUnavailableException asUnavailable(String programId, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JarUnavailableException j) {
        return j;
      }
    }
    String reason =
        failure instanceof UncheckedIOException u ? u.getCause().toString() : failure.toString();
    return new JarUnavailableException(programId, reason, failure);
  }
}
