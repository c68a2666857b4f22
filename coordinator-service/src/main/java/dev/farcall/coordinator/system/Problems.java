package dev.farcall.coordinator.system;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the coordinator's RFC 9457 problem documents with a stable {@code type}. */
public final class Problems {

  /** Every problem {@code type} is this prefix followed by a slug. */
  public static final String TYPE_PREFIX = "https://farcall.dev/problems/";

  private Problems() {}

  /** The {@code type} URI of the problem named by {@code slug}. */
  public static URI type(String slug) {
    return URI.create(TYPE_PREFIX + slug);
  }

  /** A problem with the given status, slug, title and detail. */
  public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(slug));
    problem.setTitle(title);
    return problem;
  }

  /** The slug of a problem known only by its status, e.g. {@code bad-request}. */
  public static String slugOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null
        ? "http-" + status.value()
        : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The title of a problem known only by its status, e.g. {@code Bad Request}. */
  public static String reasonOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
  }
}
