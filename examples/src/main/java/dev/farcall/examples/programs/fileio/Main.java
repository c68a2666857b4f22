package dev.farcall.examples.programs.fileio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File I/O (which stays home) next to pure computation on what was read. */
public class Main {

  /** Pure: statistics of a list of numbers, as text. */
  static String summarize(List<Integer> numbers) {
    long sum = 0;
    int max = Integer.MIN_VALUE;
    for (int n : numbers) {
      sum += n;
      max = Math.max(max, n);
    }
    return "count=" + numbers.size() + " sum=" + sum + " max=" + max;
  }

  /** Pure: a checksum of a text. */
  static long checksum(String text) {
    long h = 0;
    for (int i = 0; i < text.length(); i++) {
      h = h * 131 + text.charAt(i);
    }
    return h;
  }

  /** Does I/O: writes lines to a file. */
  static void writeNumbers(Path file, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(Integer.toString((i * 37) % 101));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    Path file = Files.createTempFile("farcall-fileio", ".txt");
    try {
      writeNumbers(file, 500);
      List<Integer> numbers = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        numbers.add(Integer.parseInt(line));
      }
      System.out.println(summarize(numbers));
      String text = Files.readString(file, StandardCharsets.UTF_8);
      System.out.println("checksum=" + checksum(text));
      System.out.println("size=" + Files.size(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
