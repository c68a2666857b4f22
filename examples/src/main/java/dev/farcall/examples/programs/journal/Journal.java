package dev.farcall.examples.programs.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends to a file: I/O, so it may not live on a worker (its file would be the worker's). */
public class Journal {

  private final String file;
  private int entries;

  public Journal(String file) {
    this.file = file;
  }

  public int append(String line) throws IOException {
    Files.writeString(
        Path.of(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return ++entries;
  }
}
