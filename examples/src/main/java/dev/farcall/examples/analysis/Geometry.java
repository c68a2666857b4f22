package dev.farcall.examples.analysis;

/** Writes to a parameter's field versus to a fresh object. */
public final class Geometry {
  private Geometry() {}

  /** ARG_MUTATION: writes the parameter's field. */
  public static void shiftInPlace(Point p) {
    p.x += 1;
  }

  /** ARG_MUTATION through a call on the parameter. */
  public static void nudge(Point p) {
    p.moveRight();
  }

  /** ARG_MUTATION: a fresh point escapes into the caller's array, then is written. */
  public static Point attach(Point[] slots) {
    Point p = new Point();
    slots[0] = p;
    p.x = 5;
    return p;
  }

  /** Movable: the write goes to a fresh point. */
  public static Point shifted(Point p) {
    Point q = new Point(p.x, p.y);
    q.moveRight();
    return q;
  }
}
