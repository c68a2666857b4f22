package dev.farcall.heuristics.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Validated tunable values for one list of descriptors (one heuristic's {@link
 * PlacementHeuristic#parameters()}), with defaults filling what was not given. Immutable.
 */
public final class Tunables {
  private final List<TunableDescriptor> descriptors;
  private final Map<String, Object> given;
  private final Map<String, Object> effective;

  private Tunables(
      List<TunableDescriptor> descriptors, Map<String, Object> given, Map<String, Object> values) {
    this.descriptors = descriptors;
    this.given = given;
    this.effective = values;
  }

  /** The defaults of every descriptor. */
  public static Tunables defaults(List<TunableDescriptor> descriptors) {
    return of(descriptors, Map.of());
  }

  /**
   * Validates {@code values} against {@code descriptors}.
   *
   * @throws TunableValidationException naming every unknown name, wrong type or out-of-range value
   *     with the accepted range; nothing is applied then
   */
  public static Tunables of(List<TunableDescriptor> descriptors, Map<String, ?> values) {
    Map<String, TunableDescriptor> byName = new LinkedHashMap<>();
    for (TunableDescriptor descriptor : descriptors) {
      if (byName.put(descriptor.name(), descriptor) != null) {
        throw new IllegalArgumentException("duplicate tunable " + descriptor.name());
      }
    }
    List<TunableValidationException.Violation> violations = new ArrayList<>();
    Map<String, Object> given = new TreeMap<>();
    for (Map.Entry<String, ?> entry : new TreeMap<String, Object>(values).entrySet()) {
      TunableDescriptor descriptor = byName.get(entry.getKey());
      String text = String.valueOf(entry.getValue());
      if (descriptor == null) {
        violations.add(
            new TunableValidationException.Violation(
                entry.getKey(), text, "unknown tunable; known: " + byName.keySet()));
        continue;
      }
      descriptor
          .problemWith(entry.getValue())
          .ifPresentOrElse(
              problem ->
                  violations.add(
                      new TunableValidationException.Violation(entry.getKey(), text, problem)),
              () -> given.put(entry.getKey(), descriptor.convert(entry.getValue()).orElseThrow()));
    }
    if (!violations.isEmpty()) {
      throw new TunableValidationException(violations);
    }
    Map<String, Object> effective = new LinkedHashMap<>();
    for (TunableDescriptor descriptor : descriptors) {
      effective.put(
          descriptor.name(), given.getOrDefault(descriptor.name(), descriptor.defaultValue()));
    }
    return new Tunables(
        List.copyOf(descriptors),
        Collections.unmodifiableMap(given),
        Collections.unmodifiableMap(effective));
  }

  /**
   * Checks that values given as JSON have their tunable's JSON type: a number for INT and DOUBLE, a
   * boolean for BOOLEAN, a string for ENUM. {@link #of} also accepts numbers and booleans as text
   * (the run driver receives them so); a REST client writing {@code "4"} for a number has made a
   * mistake worth naming. Unknown names are left to {@link #of}.
   *
   * @throws TunableValidationException naming every value of the wrong JSON type
   */
  public static void requireJsonTypes(List<TunableDescriptor> descriptors, Map<String, ?> values) {
    Map<String, TunableDescriptor> byName = new LinkedHashMap<>();
    descriptors.forEach(d -> byName.put(d.name(), d));
    List<TunableValidationException.Violation> violations = new ArrayList<>();
    for (Map.Entry<String, ?> entry : new TreeMap<String, Object>(values).entrySet()) {
      TunableDescriptor descriptor = byName.get(entry.getKey());
      Object value = entry.getValue();
      if (descriptor == null) {
        continue;
      }
      boolean typed =
          switch (descriptor.type()) {
            case INT, DOUBLE -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case ENUM -> value instanceof String;
          };
      if (!typed) {
        violations.add(
            new TunableValidationException.Violation(
                entry.getKey(),
                String.valueOf(value),
                "expected a JSON "
                    + switch (descriptor.type()) {
                      case INT, DOUBLE -> "number";
                      case BOOLEAN -> "boolean";
                      case ENUM -> "string";
                    }
                    + " ("
                    + descriptor.type()
                    + " "
                    + descriptor.range()
                    + "), got "
                    + (value == null ? "null" : "a " + jsonTypeOf(value))));
      }
    }
    if (!violations.isEmpty()) {
      throw new TunableValidationException(violations);
    }
  }

  private static String jsonTypeOf(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value instanceof Map ? "object" : value instanceof List ? "array" : "value";
  }

  /** The descriptors these values were validated against. */
  public List<TunableDescriptor> descriptors() {
    return descriptors;
  }

  /** Every tunable's value, defaults included, in descriptor order. */
  public Map<String, Object> values() {
    return effective;
  }

  /** Only the values that were given explicitly. */
  public Map<String, Object> givenValues() {
    return given;
  }

  /** An INT tunable's value. */
  public int getInt(String name) {
    return (Integer) value(name, TunableType.INT);
  }

  /** A DOUBLE tunable's value. */
  public double getDouble(String name) {
    return (Double) value(name, TunableType.DOUBLE);
  }

  /** A BOOLEAN tunable's value. */
  public boolean getBoolean(String name) {
    return (Boolean) value(name, TunableType.BOOLEAN);
  }

  /** An ENUM tunable's value. */
  public String getEnum(String name) {
    return (String) value(name, TunableType.ENUM);
  }

  private Object value(String name, TunableType type) {
    for (TunableDescriptor descriptor : descriptors) {
      if (descriptor.name().equals(name)) {
        if (descriptor.type() != type) {
          throw new IllegalArgumentException(name + " is " + descriptor.type() + ", not " + type);
        }
        return effective.get(name);
      }
    }
    throw new IllegalArgumentException("no tunable " + name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tunables that
        && descriptors.equals(that.descriptors)
        && effective.equals(that.effective);
  }

  @Override
  public int hashCode() {
    return Objects.hash(descriptors, effective);
  }

  @Override
  public String toString() {
    return effective.toString();
  }
}
