package dev.farcall.coordinator.events;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.invocation.TestPrograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A small program that prints on a schedule, compiled fresh so that every jar is a new program. */
final class EventPrograms {

  /** {@code demo.Chatty lines width pauseEvery pauseMillis}: prints numbered lines. */
  static final String MAIN = "demo.Chatty";

  private EventPrograms() {}

  /** The bytes of a new, unique jar of {@code demo.Chatty}. */
  static byte[] chattyJar() {
    String marker = UUID.randomUUID().toString();
    Path dir = CoordinatorTestBase.newDataDir();
    Path jar =
        TestPrograms.jar(
            dir,
            Map.of(
                "demo/Chatty.java",
                """
                package demo;
                public class Chatty {
                  static final String MARKER = "%s";
                  public static void main(String[] args) throws InterruptedException {
                    int lines = Integer.parseInt(args[0]);
                    String pad = "x".repeat(Integer.parseInt(args[1]));
                    int every = Integer.parseInt(args[2]);
                    long pause = Long.parseLong(args[3]);
                    for (int i = 0; i < lines; i++) {
                      System.out.println("line " + i + " " + pad);
                      if (i %% every == every - 1) {
                        Thread.sleep(pause);
                      }
                    }
                    System.err.println("done " + MARKER.length());
                  }
                }
                """
                    .formatted(marker)));
    try {
      return Files.readAllBytes(jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
