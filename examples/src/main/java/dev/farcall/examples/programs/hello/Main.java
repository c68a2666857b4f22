package dev.farcall.examples.programs.hello;

/** Prints one line and ends: what a run's start-up costs, measured to its first byte of output. */
public class Main {

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
