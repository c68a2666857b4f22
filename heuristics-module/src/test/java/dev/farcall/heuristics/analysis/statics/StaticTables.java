package dev.farcall.heuristics.analysis.statics;

/**
 * Static finals next to static objects that are mutated: constants of immutable types stay constant
 * reads (movable) even while the program writes into arrays it cannot name, and an array that is
 * written elsewhere is never a constant.
 */
public final class StaticTables {

  static final int[] PRIMES = {2, 3, 5, 7, 11};

  /** A deeply immutable program class: final class, final fields of primitive and String type. */
  static final class Unit {
    final String symbol;
    final double factor;

    Unit(String symbol, double factor) {
      this.symbol = symbol;
      this.factor = factor;
    }
  }

  /** An enum whose constants hold only final primitive fields. */
  enum Precision {
    FAST(4),
    EXACT(16);

    final int digits;

    Precision(int digits) {
      this.digits = digits;
    }
  }

  static final Unit KILOMETRE = new Unit("km", 1000.0);
  static final double[] WEIGHTS = {0.5, 0.25, 0.25};

  // more arrays than the analysis names one by one: a write through pick(..) mutates "several
  // static objects", so every mutable static object is suspect
  static final int[] T0 = new int[4];
  static final int[] T1 = new int[4];
  static final int[] T2 = new int[4];
  static final int[] T3 = new int[4];
  static final int[] T4 = new int[4];
  static final int[] T5 = new int[4];
  static final int[] T6 = new int[4];
  static final int[] T7 = new int[4];
  static final int[] T8 = new int[4];

  private StaticTables() {}

  /** Reads an immutable static constant while other static objects are mutated: movable. */
  public static double toMetres(double kilometres) {
    return kilometres * KILOMETRE.factor;
  }

  /** Reads an enum constant's final field: movable. */
  public static int exactDigits(int extra) {
    return Precision.EXACT.digits + extra;
  }

  /** Reads an element of a static final array that {@link #reweigh} writes: GLOBAL_READ. */
  public static double weight(int i) {
    return WEIGHTS[i % WEIGHTS.length];
  }

  /** Reads a static array nobody writes, but mutable: suspect while unnamed arrays are written. */
  public static int prime(int i) {
    return PRIMES[i % PRIMES.length];
  }

  /** Writes an element of a static final array: GLOBAL_WRITE. */
  public static void reweigh(int i, double w) {
    WEIGHTS[i % WEIGHTS.length] = w;
  }

  /** Writes into one of nine static arrays. */
  public static void scribble(int which, int value) {
    pick(which)[0] = value;
  }

  private static int[] pick(int which) {
    switch (which) {
      case 0:
        return T0;
      case 1:
        return T1;
      case 2:
        return T2;
      case 3:
        return T3;
      case 4:
        return T4;
      case 5:
        return T5;
      case 6:
        return T6;
      case 7:
        return T7;
      default:
        return T8;
    }
  }
}
