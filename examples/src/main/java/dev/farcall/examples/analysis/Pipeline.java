package dev.farcall.examples.analysis;

import java.util.List;

/** Runs stages through the interface: I/O is reachable through one of the implementations. */
public final class Pipeline {
  private Pipeline() {}

  /** IO: Pipeline.run -> Stage.apply (Logged) -> Audit.note -> Sink.emit -> PrintStream.println. */
  public static String run(List<Stage> stages, String input) {
    String value = input;
    for (Stage stage : stages) {
      value = stage.apply(value);
    }
    return value;
  }
}
