package dev.farcall.examples.analysis;

/** The stage with I/O: Logged.apply -> Audit.note -> Sink.emit -> PrintStream.println. */
public final class Logged implements Stage {
  @Override
  public String apply(String input) {
    Audit.note(input);
    return input;
  }
}
