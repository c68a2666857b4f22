package dev.farcall.coordinator.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Keyset paging of the list endpoints ({@code ?limit=&cursor=}): a page holds at most {@code limit}
 * items, and when more follow, the response carries {@code Link: <...>; rel="next"} whose URL is
 * the same request with the next cursor. Bodies stay plain JSON arrays, so clients that never page
 * read them as before. A cursor is opaque to clients: the sort key (time, id) of the last item.
 */
public final class Paging {

  /** Items per page when {@code cursor} is given without {@code limit}. */
  public static final int DEFAULT_LIMIT = 50;

  /** The most items one page may hold. */
  public static final int MAX_LIMIT = 500;

  private Paging() {}

  /**
   * Where a page starts: after the item with this sort key.
   *
   * @param at the item's time
   * @param id the item's id (ties of time are ordered by id)
   */
  public record Cursor(Instant at, String id) {

    /** The opaque text clients pass back. */
    public String encode() {
      String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client passed back.
     *
     * @throws InvalidRequestException if it is not one of ours
     */
    public static Cursor decode(String text) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = raw.split(":", 3);
        return new Cursor(
            Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
      } catch (RuntimeException e) {
        throw new InvalidRequestException("cursor", "Not a cursor this server gave out: " + text);
      }
    }
  }

  /**
   * A request for one page.
   *
   * @param limit at most this many items
   * @param after start after this item; from the first when empty
   */
  public record PageRequest(int limit, Optional<Cursor> after) {

    /**
     * The page asked for by {@code ?limit=&cursor=}, or empty when neither is given (the endpoint
     * then answers as it did before paging existed).
     *
     * @throws InvalidRequestException for a limit out of 1..{@value #MAX_LIMIT} or a bad cursor
     */
    public static Optional<PageRequest> of(Integer limit, String cursor) {
      if (limit == null && (cursor == null || cursor.isBlank())) {
        return Optional.empty();
      }
      int size = limit == null ? DEFAULT_LIMIT : limit;
      if (size < 1 || size > MAX_LIMIT) {
        throw new InvalidRequestException(
            "limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + size);
      }
      Optional<Cursor> after =
          cursor == null || cursor.isBlank()
              ? Optional.empty()
              : Optional.of(Cursor.decode(cursor));
      return Optional.of(new PageRequest(size, after));
    }

    /** How many rows to ask the database for: one more than the page, to know if more follow. */
    public int probe() {
      return limit + 1;
    }
  }

  /**
   * The page of {@code rows} (fetched with {@link PageRequest#probe()}) and the headers that link
   * to the next one.
   */
  public static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, Cursor> keyOf) {
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, HttpHeaders.EMPTY);
    }
    List<T> items = List.copyOf(rows.subList(0, request.limit()));
    String next =
        ServletUriComponentsBuilder.fromCurrentRequest()
            .replaceQueryParam("cursor", keyOf.apply(items.get(items.size() - 1)).encode())
            .replaceQueryParam("limit", request.limit())
            .build()
            .toUriString();
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    return new Page<>(items, headers);
  }

  /**
   * One page of a list.
   *
   * @param items the items
   * @param headers {@code Link} to the next page, when there is one
   */
  public record Page<T>(List<T> items, HttpHeaders headers) {}
}
