package dev.farcall.examples.analysis;

import dev.farcall.api.RemoteRef;

/**
 * Objects of one type calling the next through a handle: a cycle when the chain loops back to an
 * object already waiting in it.
 */
public class HandleChain {

  private RemoteRef<HandleChain> next;

  public void link(RemoteRef<HandleChain> next) {
    this.next = next;
  }

  public int depth() {
    return next == null ? 0 : 1 + next.get(HandleChain::depth);
  }
}
