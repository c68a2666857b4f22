package dev.farcall.coordinator.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error page, made a problem: what Tomcat refuses before Spring MVC (and so {@link
 * ProblemAdvice}) ever sees the request, such as a NUL in the path, a header over the size limit or
 * a body it cannot read, and every {@code sendError} no handler answered, is written as {@code
 * application/problem+json} with the status's slug as type, never as an HTML page. ProblemAdvice
 * stays the one place for everything Spring MVC reaches; this only covers the container below it.
 */
public final class ProblemReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatusCode code = HttpStatusCode.valueOf(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", Problems.type(Problems.slugOf(code)).toString());
    problem.put("title", Problems.reasonOf(code));
    problem.put("status", status);
    problem.put("detail", detail(status));
    String uri = request.getDecodedRequestURI();
    if (uri != null && uri.indexOf('\0') < 0) {
      problem.put("instance", uri);
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not write the problem for status {}: {}", status, e.toString());
    }
  }

  /**
   * A fixed sentence per status: Tomcat's own messages can quote the request (the path, a header),
   * which a problem must not echo back.
   */
  private static String detail(int status) {
    return switch (status) {
      case 400 ->
          "The server could not read the request (malformed request line, path, headers or body,"
              + " or a header over the size limit)";
      case 404 -> "No resource at this path";
      case 405 -> "This method is not supported here";
      case 413 -> "The request body is over the server's size limit";
      case 431 -> "The request's headers are over the server's size limit";
      default ->
          "The server refused the request ("
              + Problems.reasonOf(HttpStatusCode.valueOf(status))
              + ")";
    };
  }
}
