package dev.farcall.model.codec;

/**
 * Turns Java names into valid Avro names ({@code [A-Za-z_][A-Za-z0-9_]*}). Any other character,
 * notably the {@code $} of nested classes, becomes {@code _} followed by its four hex digits, so
 * distinct Java names stay distinct.
 */
final class AvroNames {

  private AvroNames() {}

  static String mangle(String name) {
    if (name.isEmpty()) {
      return "_";
    }
    StringBuilder b = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (letter || (digit && i > 0)) {
        b.append(c);
      } else {
        b.append('_').append(String.format("%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** A dotted Java package as an Avro namespace (each segment mangled); "" stays "". */
  static String namespace(String javaPackage) {
    if (javaPackage.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String segment : javaPackage.split("\\.")) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(mangle(segment));
    }
    return b.toString();
  }
}
