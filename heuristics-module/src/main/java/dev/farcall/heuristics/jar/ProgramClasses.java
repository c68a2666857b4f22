package dev.farcall.heuristics.jar;

import java.util.List;
import java.util.Map;

/**
 * The classes that make up a program, as read from its jar.
 *
 * @param classes class bytes by internal name ({@code com/x/Y}); when a class occurs twice (for
 *     example in two nested jars) the first one read wins, as on a class path
 * @param resources other small text resources the analysis reads, by entry name (currently the
 *     declarations file {@value #DECLARATIONS_ENTRY})
 * @param sources the jars read: the jar itself first, then nested jars as {@code outer!/inner.jar}
 */
public record ProgramClasses(
    Map<String, byte[]> classes, Map<String, byte[]> resources, List<String> sources) {

  /** A declarations file shipped inside the program's jar. */
  public static final String DECLARATIONS_ENTRY = "META-INF/farcall/declarations.txt";

  public ProgramClasses {
    classes = Map.copyOf(classes);
    resources = Map.copyOf(resources);
    sources = List.copyOf(sources);
  }
}
