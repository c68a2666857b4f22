package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.jar.JarReader;
import dev.farcall.heuristics.jar.ProgramClasses;
import java.nio.file.Path;

/**
 * Entry point of the analysis: reads a program's jar and returns a {@link ProgramModel} with a
 * verdict (movable or not, effects, reasons) for every method and the call graph. Thread-safe: each
 * call works on its own state. Runs no program code.
 */
public final class JarAnalyzer {

  /**
   * Analyses a jar file.
   *
   * @throws dev.farcall.heuristics.jar.JarFormatException if the jar cannot be read
   * @throws dev.farcall.heuristics.jar.JarLimitExceededException if it exceeds a limit
   * @throws dev.farcall.heuristics.knowledge.KnowledgeFormatException if the declarations file in
   *     the jar is malformed
   */
  public ProgramModel analyze(Path jar, AnalysisOptions options) {
    return analyze(new JarReader(options.jarLimits()).read(jar), options);
  }

  /** Analyses classes already read from a jar. */
  public ProgramModel analyze(ProgramClasses classes, AnalysisOptions options) {
    return new AnalysisRun(classes, options).run();
  }
}
