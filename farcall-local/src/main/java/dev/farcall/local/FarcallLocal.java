package dev.farcall.local;

/** The local launcher behind {@code ./farcall local}. */
public final class FarcallLocal {

  private FarcallLocal() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("local launcher under construction");
  }
}
