package dev.farcall.examples.analysis;

import dev.farcall.api.RemoteRef;

/**
 * One side of a call cycle through handles: {@link #serve} calls a {@link HandlePong} object, whose
 * {@link HandlePong#hit} calls a {@code HandlePing} back. When the two handles name each other's
 * objects, each call waits for the other (an object runs one call at a time): the analysis warns.
 */
public class HandlePing {

  private RemoteRef<HandlePong> peer;

  public void pair(RemoteRef<HandlePong> peer) {
    this.peer = peer;
  }

  public int serve(int n) {
    return n <= 0 ? 0 : 1 + relay(n);
  }

  private int relay(int n) {
    return peer.get(HandlePong::hit, n);
  }
}
