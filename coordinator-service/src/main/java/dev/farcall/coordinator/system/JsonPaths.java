package dev.farcall.coordinator.system;

import tools.jackson.core.JacksonException;

/**
 * Names the place in a JSON body that a Jackson error is about, as {@code tunables.k} or {@code
 * args[0]}.
 */
final class JsonPaths {

  private JsonPaths() {}

  static String of(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }
}
