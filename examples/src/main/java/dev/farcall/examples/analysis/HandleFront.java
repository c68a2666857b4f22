package dev.farcall.examples.analysis;

import dev.farcall.api.RemoteRef;

/**
 * An object that calls another through a handle with no way back ({@link HandleStore} calls no
 * handle): no cycle, no warning.
 */
public class HandleFront {

  private final RemoteRef<HandleStore> store;

  public HandleFront(RemoteRef<HandleStore> store) {
    this.store = store;
  }

  public long record(int amount) {
    return store.get(HandleStore::add, amount);
  }
}
