package dev.farcall.examples.analysis;

import dev.farcall.api.RemoteRef;

/** The other side of {@link HandlePing}'s cycle, calling back through a lambda, not a reference. */
public class HandlePong {

  private RemoteRef<HandlePing> peer;

  public void pair(RemoteRef<HandlePing> peer) {
    this.peer = peer;
  }

  public int hit(int n) {
    return peer.get(p -> p.serve(n - 1));
  }
}
