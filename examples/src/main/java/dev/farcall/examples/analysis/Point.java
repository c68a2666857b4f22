package dev.farcall.examples.analysis;

/** A mutable value. */
public final class Point {
  int x;
  int y;

  public Point() {}

  public Point(int x, int y) {
    this.x = x;
    this.y = y;
  }

  /** ARG_MUTATION: writes the receiver. */
  public void moveRight() {
    x++;
  }

  /** Movable: reads only. */
  public int manhattan() {
    return Math.abs(x) + Math.abs(y);
  }
}
