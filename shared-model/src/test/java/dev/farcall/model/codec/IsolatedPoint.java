package dev.farcall.model.codec;

/** A record that tests load again in an isolated program class loader. */
public record IsolatedPoint(int x, long y, String label, boolean on, double weight) {

  public static IsolatedPoint mirror(IsolatedPoint p) {
    return new IsolatedPoint(-p.x(), -p.y(), p.label(), !p.on(), p.weight());
  }
}
