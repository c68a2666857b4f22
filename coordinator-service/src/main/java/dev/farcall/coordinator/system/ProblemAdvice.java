package dev.farcall.coordinator.system;

import dev.farcall.dispatch.DispatchException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The coordinator's single translation of failures into RFC 9457 problems ({@code
 * application/problem+json}) with a stable {@code type}: every {@link FarcallException}, Spring
 * MVC's own request errors, and Spring Security's 401/403 (its entry point and access-denied
 * handler delegate here). Anything unexpected becomes a 500 {@code internal-error} that is logged
 * with an id and carries only that id.
 */
@RestControllerAdvice
class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(FarcallException.class)
  ResponseEntity<ProblemDetail> farcall(FarcallException e) {
    ProblemDetail problem = Problems.of(e.status(), e.problemType(), e.title(), e.getMessage());
    e.properties().forEach(problem::setProperty);
    return ResponseEntity.status(e.status()).headers(e.headers()).body(problem);
  }

  @ExceptionHandler(DispatchException.class)
  ResponseEntity<ProblemDetail> dispatch(DispatchException e) {
    ProblemDetail problem = DispatchProblems.of(e);
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> malformed(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      // JSON bodies are strict (system.JsonRequestConfiguration): a misspelt member is an error,
      // not a silently ignored option.
      String field = JsonPaths.of(unknown);
      ResponseEntity<ProblemDetail> response =
          problem(
              HttpStatus.BAD_REQUEST,
              "unknown-field",
              "Unknown field",
              "The request body has a field '" + field + "' this endpoint does not know");
      response.getBody().setProperty("field", field);
      return response;
    }
    // The parser's message may quote the input; say what is wrong without echoing internals.
    ResponseEntity<ProblemDetail> response =
        problem(
            HttpStatus.BAD_REQUEST,
            "malformed-request",
            "Malformed request",
            "The request body could not be read: " + firstLine(cause.getMessage()));
    if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
      response.getBody().setProperty("field", JsonPaths.of(json));
    }
    return response;
  }

  /**
   * A multipart body that cannot be parsed: truncated, without a boundary, or otherwise not what
   * its {@code Content-Type} says. The upload limit has its own handler ({@link #tooLarge}).
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
    Throwable cause = e.getMostSpecificCause();
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-multipart",
        "Malformed multipart request",
        "The multipart/form-data body could not be parsed: " + firstLine(cause.getMessage()));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
    return missing(e.getRequestPartName(), "Required part '" + e.getRequestPartName() + "'");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return missing(e.getParameterName(), "Required parameter '" + e.getParameterName() + "'");
  }

  @ExceptionHandler({
    BindException.class,
    HandlerMethodValidationException.class,
    ConstraintViolationException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<ProblemDetail> invalid(Exception e) {
    ResponseEntity<ProblemDetail> response =
        problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", validationDetail(e));
    if (e instanceof BindException bind) {
      List<String> errors =
          bind.getFieldErrors().stream()
              .map(f -> f.getField() + ": " + f.getDefaultMessage())
              .toList();
      response.getBody().setProperty("errors", errors);
    }
    return response;
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return withHeaders(
        e.getHeaders(),
        problem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "Content type '" + e.getContentType() + "' is not supported here"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return problem(
        HttpStatus.NOT_ACCEPTABLE,
        "not-acceptable",
        "Not acceptable",
        "No acceptable representation; available: " + e.getSupportedMediaTypes());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return withHeaders(
        e.getHeaders(),
        problem(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            "Method " + e.getMethod() + " is not supported here"));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
    return problem(
        HttpStatus.NOT_FOUND,
        "not-found",
        "Not found",
        "No resource at " + request.getRequestURI());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    ResponseEntity<ProblemDetail> response =
        problem(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload-too-large",
            "Payload too large",
            "The upload exceeds the limit farcall.programs.max-jar-size");
    response.getBody().setProperty("limit", "farcall.programs.max-jar-size");
    if (e.getMaxUploadSize() > 0) {
      response.getBody().setProperty("maxBytes", e.getMaxUploadSize());
    }
    return response;
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return withHeaders(
        headers,
        problem(
            HttpStatus.UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
            "A valid bearer token is required"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
    return problem(
        HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The token's role may not do this");
  }

  /**
   * A client that went away while its response was being written (an event stream closed by the
   * browser): there is no one left to answer.
   */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientGone(AsyncRequestNotUsableException e) {
    log.debug("Client went away: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse spring) {
      // Any other request error Spring MVC knows how to describe: keep its status and headers.
      HttpStatusCode status = spring.getStatusCode();
      return withHeaders(
          spring.getHeaders(),
          problem(
              status,
              Problems.slugOf(status),
              Problems.reasonOf(status),
              spring.getBody().getDetail()));
    }
    String errorId = UUID.randomUUID().toString();
    log.error(
        "Unexpected error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), e);
    ResponseEntity<ProblemDetail> response =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "An unexpected error occurred; quote error id " + errorId + " when reporting it");
    response.getBody().setProperty("errorId", errorId);
    return response;
  }

  private static ResponseEntity<ProblemDetail> missing(String name, String what) {
    ResponseEntity<ProblemDetail> response =
        problem(
            HttpStatus.BAD_REQUEST,
            "missing-parameter",
            "Missing parameter",
            what + " is not present");
    response.getBody().setProperty("parameter", name);
    return response;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatusCode status, String slug, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, slug, title, detail));
  }

  private static ResponseEntity<ProblemDetail> withHeaders(
      HttpHeaders headers, ResponseEntity<ProblemDetail> response) {
    return ResponseEntity.status(response.getStatusCode())
        .headers(headers)
        .body(response.getBody());
  }

  private static String validationDetail(Exception e) {
    if (e instanceof MethodArgumentTypeMismatchException mismatch) {
      return "Parameter '" + mismatch.getName() + "' has the wrong type";
    }
    if (e instanceof ConstraintViolationException violations) {
      return violations.getMessage();
    }
    if (e instanceof ErrorResponse response && response.getBody().getDetail() != null) {
      return response.getBody().getDetail();
    }
    return "The request is invalid";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
