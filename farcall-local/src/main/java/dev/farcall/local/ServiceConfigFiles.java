package dev.farcall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Picks a service's own {@code application.*} files when several services share one class path.
 *
 * <p>In local mode the coordinator and the workers run from the same class path, and both service
 * jars carry an {@code application.yml}. Spring's default {@code classpath:/application.yml} would
 * give every context whichever copy comes first, so the launcher points {@code
 * spring.config.location} of each context at the files next to that service's main class instead.
 * Command-line arguments and environment variables still override them as usual.
 */
final class ServiceConfigFiles {

  /** Spring's default file names, in increasing precedence as Spring itself orders them. */
  static final List<String> FILE_NAMES =
      List.of("application.properties", "application.yaml", "application.yml");

  /** A location that holds no files: for a service without its own defaults. */
  static final String NO_FILES = "optional:classpath:/farcall-local-no-service-defaults/";

  private ServiceConfigFiles() {}

  /** The {@code spring.config.location} for the service whose main class is {@code appClass}. */
  static String locationFor(Class<?> appClass) {
    return locationFor(appClass.getClassLoader(), appClass.getName().replace('.', '/') + ".class");
  }

  /**
   * The {@code spring.config.location} naming the {@code application.*} files that sit in the same
   * jar or directory as {@code anchorResource}, or {@link #NO_FILES} when there are none.
   */
  static String locationFor(ClassLoader loader, String anchorResource) {
    URL anchor = loader.getResource(anchorResource);
    if (anchor == null) {
      throw new IllegalStateException("not on the class path: " + anchorResource);
    }
    String anchorUrl = anchor.toExternalForm();
    String root = anchorUrl.substring(0, anchorUrl.length() - anchorResource.length());
    List<String> own = new ArrayList<>();
    for (String name : FILE_NAMES) {
      for (URL url : resources(loader, name)) {
        if (url.toExternalForm().equals(root + name)) {
          own.add(url.toExternalForm());
        }
      }
    }
    return own.isEmpty() ? NO_FILES : String.join(",", own);
  }

  private static List<URL> resources(ClassLoader loader, String name) {
    try {
      return Collections.list(loader.getResources(name));
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + name + " on the class path", e);
    }
  }
}
