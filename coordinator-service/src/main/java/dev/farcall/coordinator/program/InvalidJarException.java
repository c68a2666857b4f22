package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.FarcallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An uploaded file is not a usable jar (422, {@code invalid-jar}): not a zip, no classes, a corrupt
 * entry or a class file without the class-file magic. {@link #reason()} is a stable slug.
 */
public class InvalidJarException extends FarcallException {

  private final String reason;
  private final String entry;

  InvalidJarException(String reason, String entry, String message) {
    super(message);
    this.reason = reason;
    this.entry = entry;
  }

  static InvalidJarException notAZip(String why) {
    return new InvalidJarException("not-a-zip", null, "The file is not a zip archive: " + why);
  }

  static InvalidJarException noClasses() {
    return new InvalidJarException(
        "no-classes", null, "The archive holds no .class file, so it is not a Java program");
  }

  static InvalidJarException corrupt(String entry, String why) {
    return new InvalidJarException(
        "corrupt-entry", entry, "Entry '" + entry + "' cannot be decompressed: " + why);
  }

  static InvalidJarException notAClassFile(String entry) {
    return new InvalidJarException(
        "not-a-class-file",
        entry,
        "Entry '" + entry + "' does not start with the class-file magic");
  }

  static InvalidJarException unsafeName(String entry) {
    return new InvalidJarException(
        "unsafe-entry-name",
        entry,
        "Entry '"
            + entry
            + "' has a name that leaves the jar (absolute, '..', drive letter or backslash)");
  }

  static InvalidJarException unparseableClass(String entry, String why) {
    String shortWhy = why.length() > 200 ? why.substring(0, 200) + "..." : why;
    return new InvalidJarException(
        "unparseable-class", entry, "Class file '" + entry + "' cannot be parsed: " + shortWhy);
  }

  /** Why the jar was refused, as a stable slug (e.g. {@code not-a-zip}, {@code no-classes}). */
  public String reason() {
    return reason;
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }

  @Override
  public String problemType() {
    return "invalid-jar";
  }

  @Override
  public String title() {
    return "Not a valid jar";
  }

  @Override
  public Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("reason", reason);
    if (entry != null) {
      properties.put("entry", entry);
    }
    return properties;
  }
}
