package dev.farcall.model.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place that knows how JDK value types and tagged primitives are represented in derived
 * schemas. Every such schema carries the property {@value #PROP}: on an Avro {@code string} it
 * names the JDK class whose standard {@code toString}/{@code parse} form the string holds (so
 * "2026-11-25" for a {@code LocalDate}, "12.50" for a {@code BigDecimal}, both lossless); on an
 * {@code int} it says {@code byte}, {@code short} or {@code char}; on an array it says {@value
 * #MAP} for a map carried as {@code {key, value}} records. {@link PlainValues} reads these
 * properties instead of loading classes. The properties are not part of the parsing form, so they
 * do not change fingerprints.
 */
final class LogicalTypes {

  /** Schema property naming the Java meaning of an Avro primitive or array. */
  static final String PROP = "farcall.type";

  /** Value of {@link #PROP} on the array schema of a map. */
  static final String MAP = "map";

  /** Schema property on record schemas naming the Java class, for people and tools. */
  static final String CLASS_PROP = "farcall.class";

  /** A JDK value type carried as a string. */
  record Logical(
      Class<?> type, Function<String, Object> parser, Function<Object, String> formatter) {

    String name() {
      return type.getName();
    }

    String format(Object value) {
      if (!type.isInstance(value)) {
        throw new ClassCastException(value.getClass().getName() + " is not " + type.getName());
      }
      return formatter.apply(value);
    }

    /** Parses a decoded string; a malformed one is a bad payload. */
    Object parseOrFail(String text) {
      try {
        return parser.apply(text);
      } catch (RuntimeException e) {
        throw new PayloadException("malformed " + type.getName() + " \"" + shorten(text) + "\"", e);
      }
    }
  }

  /** The ISO year-month form {@link YearMonth#parse} reads, with a sign on years past 9999. */
  private static final DateTimeFormatter YEAR_MONTH =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .toFormatter();

  private static final Map<String, Logical> BY_NAME = new LinkedHashMap<>();

  static {
    add(UUID.class, UUID::fromString);
    add(BigDecimal.class, BigDecimal::new);
    add(BigInteger.class, BigInteger::new);
    add(Instant.class, Instant::parse);
    add(LocalDate.class, LocalDate::parse);
    add(LocalTime.class, LocalTime::parse);
    add(LocalDateTime.class, LocalDateTime::parse);
    add(OffsetDateTime.class, OffsetDateTime::parse);
    add(OffsetTime.class, OffsetTime::parse);
    add(ZonedDateTime.class, ZonedDateTime::parse);
    add(Duration.class, Duration::parse);
    add(Period.class, Period::parse);
    add(Year.class, Year::parse);
    // YearMonth.toString writes years past 9999 without the '+' that YearMonth.parse demands
    // ("10000-01"), so a plain toString would not come back: write the form parse reads.
    add(YearMonth.class, YearMonth::parse, v -> YEAR_MONTH.format((YearMonth) v));
    add(MonthDay.class, MonthDay::parse);
    add(ZoneId.class, ZoneId::of);
    add(ZoneOffset.class, ZoneOffset::of);
  }

  private static void add(Class<?> type, Function<String, Object> parser) {
    add(type, parser, Object::toString);
  }

  private static void add(
      Class<?> type, Function<String, Object> parser, Function<Object, String> formatter) {
    BY_NAME.put(type.getName(), new Logical(type, parser, formatter));
  }

  private LogicalTypes() {}

  /** The logical type of a declared class, or null if it is not a JDK value type. */
  static Logical forClass(Class<?> type) {
    Logical l = BY_NAME.get(type.getName());
    return l != null && l.type() == type ? l : null;
  }

  /** Every JDK value type carried as a string (the tests check each one round-trips). */
  static List<Class<?>> types() {
    return BY_NAME.values().stream().<Class<?>>map(Logical::type).toList();
  }

  /** The logical type named by a schema's {@link #PROP}, or null. */
  static Logical forName(String name) {
    return name == null ? null : BY_NAME.get(name);
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
