package dev.farcall.driver.sites;

import dev.farcall.model.MethodId;
import java.nio.file.Path;

/** The examples jar (copied by the build) and the names of its programs and methods. */
public final class Examples {

  public static final Path JAR = Path.of("target", "test-jars", "examples.jar").toAbsolutePath();
  static final String PACKAGE = "dev.farcall.examples.programs.";

  private Examples() {}

  public static String main(String program) {
    return PACKAGE + program + ".Main";
  }

  public static MethodId method(String program, String name, String descriptor) {
    return new MethodId(main(program), name, descriptor);
  }
}
