package dev.farcall.heuristics.simulation;

/** A FIFO queue of ints that boxes nothing (the calls waiting for a worker slot). */
final class IntQueue {
  private int[] items = new int[1024];
  private int head;
  private int size;

  void add(int item) {
    if (size == items.length) {
      int[] grown = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = items[(head + i) % items.length];
      }
      items = grown;
      head = 0;
    }
    items[(head + size) % items.length] = item;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int poll() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    int item = items[head];
    head = (head + 1) % items.length;
    size--;
    return item;
  }

  @Override
  public String toString() {
    return size + " queued";
  }
}
