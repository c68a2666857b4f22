package dev.farcall.examples.programs.lastword;

/**
 * Its main returns while a non-daemon thread it started still works; that thread prints the last
 * line. The JVM (and so a run) ends only after it: the line must appear.
 */
public class Main {

  public static void main(String[] args) {
    Thread late =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              System.out.println("the last word, after main returned");
              System.err.println("and one on stderr");
            },
            "late");
    late.start();
    System.out.println("main returns");
  }
}
