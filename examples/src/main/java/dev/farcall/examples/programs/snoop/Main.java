package dev.farcall.examples.programs.snoop;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A nosy program: prints its environment and system properties, then tries to read files given as
 * arguments (the coordinator's token files, say) and to list directories, printing what it got or
 * the exception it met. Used to show that no secret of the coordinator reaches a run.
 */
public class Main {

  public static void main(String[] args) {
    System.out.println("== environment");
    new TreeMap<>(System.getenv()).forEach((k, v) -> System.out.println(k + "=" + v));
    System.out.println("== properties");
    Map<String, String> props = new TreeMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    props.forEach((k, v) -> System.out.println(k + "=" + v));
    for (String arg : args) {
      Path p = Path.of(arg);
      System.out.println("== " + p);
      try {
        if (Files.isDirectory(p)) {
          try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
            for (Path e : entries) {
              System.out.println("entry " + e.getFileName());
            }
          }
        } else {
          System.out.println(Files.readString(p));
        }
      } catch (IOException | RuntimeException e) {
        System.out.println("refused: " + e.getClass().getName());
      }
    }
  }
}
