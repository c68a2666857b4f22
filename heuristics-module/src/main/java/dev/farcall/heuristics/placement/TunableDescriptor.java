package dev.farcall.heuristics.placement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one tunable of a heuristic, so REST, the dashboard and validation read the same facts.
 *
 * @param name the tunable's name, unique within a heuristic
 * @param type the value's type
 * @param defaultValue the value used when none is given ({@link Integer}, {@link Double}, {@link
 *     Boolean} or {@link String} by type)
 * @param min smallest allowed value for INT and DOUBLE; empty otherwise
 * @param max largest allowed value for INT and DOUBLE; empty otherwise
 * @param choices allowed values for ENUM; empty otherwise
 * @param description what the tunable changes, for people
 */
public record TunableDescriptor(
    String name,
    TunableType type,
    Object defaultValue,
    Optional<Number> min,
    Optional<Number> max,
    List<String> choices,
    String description) {

  /** Checks that the default fits the type and range. */
  public TunableDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
  }

  /** An integer tunable within {@code [min, max]}. */
  public static TunableDescriptor ofInt(
      String name, int defaultValue, int min, int max, String description) {
    return checked(
        new TunableDescriptor(
            name,
            TunableType.INT,
            defaultValue,
            Optional.of(min),
            Optional.of(max),
            List.of(),
            description));
  }

  /** A floating-point tunable within {@code [min, max]}. */
  public static TunableDescriptor ofDouble(
      String name, double defaultValue, double min, double max, String description) {
    return checked(
        new TunableDescriptor(
            name,
            TunableType.DOUBLE,
            defaultValue,
            Optional.of(min),
            Optional.of(max),
            List.of(),
            description));
  }

  /** A boolean tunable. */
  public static TunableDescriptor ofBoolean(String name, boolean defaultValue, String description) {
    return new TunableDescriptor(
        name,
        TunableType.BOOLEAN,
        defaultValue,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        description);
  }

  /** A tunable whose value is one of {@code choices}. */
  public static TunableDescriptor ofEnum(
      String name, String defaultValue, List<String> choices, String description) {
    return checked(
        new TunableDescriptor(
            name,
            TunableType.ENUM,
            defaultValue,
            Optional.empty(),
            Optional.empty(),
            choices,
            description));
  }

  private static TunableDescriptor checked(TunableDescriptor descriptor) {
    Optional<String> problem = descriptor.problemWith(descriptor.defaultValue());
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "default of " + descriptor.name() + " is invalid: " + problem.get());
    }
    return descriptor;
  }

  /** The accepted values as text, e.g. {@code [1, 1000]} or {@code one of [A, B]}. */
  public String range() {
    return switch (type) {
      case INT, DOUBLE -> "[" + min.orElseThrow() + ", " + max.orElseThrow() + "]";
      case BOOLEAN -> "true or false";
      case ENUM -> "one of " + choices;
    };
  }

  /**
   * Converts a given value to this tunable's type: a number or its text for INT and DOUBLE, a
   * boolean or {@code "true"}/{@code "false"} for BOOLEAN, a string for ENUM.
   *
   * @return the converted value, or empty when it has the wrong type
   */
  Optional<Object> convert(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return switch (type) {
        case INT -> {
          double number =
              value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
          if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            yield Optional.empty();
          }
          yield Optional.of((int) number);
        }
        case DOUBLE -> {
          if (value instanceof Boolean) {
            yield Optional.empty();
          }
          double number =
              value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
          yield Double.isFinite(number) ? Optional.of(number) : Optional.empty();
        }
        case BOOLEAN -> {
          if (value instanceof Boolean b) {
            yield Optional.of(b);
          }
          String text = value.toString();
          yield text.equals("true") || text.equals("false")
              ? Optional.of(Boolean.parseBoolean(text))
              : Optional.empty();
        }
        case ENUM -> value instanceof String s ? Optional.of(s) : Optional.empty();
      };
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Why {@code value} is not acceptable, or empty when it is. */
  Optional<String> problemWith(Object value) {
    Optional<Object> converted = convert(value);
    if (converted.isEmpty()) {
      return Optional.of("expected " + type + " " + range());
    }
    Object v = converted.get();
    return switch (type) {
      case INT, DOUBLE -> {
        double number = ((Number) v).doubleValue();
        boolean inRange =
            number >= min.orElseThrow().doubleValue() && number <= max.orElseThrow().doubleValue();
        yield inRange ? Optional.empty() : Optional.of("out of range " + range());
      }
      case BOOLEAN -> Optional.empty();
      case ENUM -> choices.contains(v) ? Optional.empty() : Optional.of("not " + range());
    };
  }
}
