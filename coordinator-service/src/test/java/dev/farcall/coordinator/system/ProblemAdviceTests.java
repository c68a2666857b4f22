package dev.farcall.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The advice's mapping of exceptions that are awkward to provoke over HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemAdviceTests {

  private final ProblemAdvice advice = new ProblemAdvice();

  @Test
  void farcallExceptionBecomesItsProblemWithPropertiesAndHeaders() {
    FarcallException e =
        new FarcallException("Method m is not on the worker") {
          @Override
          public HttpStatus status() {
            return HttpStatus.UNPROCESSABLE_CONTENT;
          }

          @Override
          public String problemType() {
            return "method-not-found";
          }

          @Override
          public String title() {
            return "Method not found";
          }

          @Override
          public Map<String, Object> properties() {
            return Map.of("method", "m");
          }

          @Override
          public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set("Retry-After", "5");
            return headers;
          }
        };

    ResponseEntity<ProblemDetail> response = advice.farcall(e);

    ProblemDetail problem = response.getBody();
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(problem.getType()).hasToString("https://farcall.dev/problems/method-not-found");
    assertThat(problem.getTitle()).isEqualTo("Method not found");
    assertThat(problem.getDetail()).isEqualTo("Method m is not on the worker");
    assertThat(problem.getProperties()).containsEntry("method", "m");
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
  }

  @Test
  void malformedJsonIsAMalformedRequestProblem() {
    HttpMessageNotReadableException e =
        new HttpMessageNotReadableException(
            "JSON parse error", new IllegalArgumentException("Unexpected character '}'"), input());

    ResponseEntity<ProblemDetail> response = advice.malformed(e);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().getType())
        .hasToString("https://farcall.dev/problems/malformed-request");
    assertThat(response.getBody().getDetail()).contains("Unexpected character");
  }

  @Test
  void tooLargeUploadIsAPayloadTooLargeProblemNamingTheLimit() {
    ResponseEntity<ProblemDetail> response =
        advice.tooLarge(new MaxUploadSizeExceededException(1024));

    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(response.getBody().getType())
        .hasToString("https://farcall.dev/problems/payload-too-large");
    assertThat(response.getBody().getProperties())
        .containsEntry("limit", "farcall.programs.max-jar-size")
        .containsEntry("maxBytes", 1024L);
  }

  @Test
  void unexpectedErrorIsLoggedWithAnIdAndRevealsNoInternals(CapturedOutput output) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/programs");

    ResponseEntity<ProblemDetail> response =
        advice.unexpected(
            new IllegalStateException("connection to db-internal-7 refused at Foo.java:42"),
            request);

    ProblemDetail problem = response.getBody();
    String errorId = (String) problem.getProperties().get("errorId");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(problem.getType()).hasToString("https://farcall.dev/problems/internal-error");
    assertThat(problem.getDetail()).contains(errorId).doesNotContain("db-internal-7");
    assertThat(problem.getProperties()).containsOnlyKeys("errorId");
    assertThat(output.getAll()).contains(errorId).contains("db-internal-7");
  }

  private static HttpInputMessage input() {
    return new HttpInputMessage() {
      @Override
      public java.io.InputStream getBody() {
        return java.io.InputStream.nullInputStream();
      }

      @Override
      public HttpHeaders getHeaders() {
        return new HttpHeaders();
      }
    };
  }
}
