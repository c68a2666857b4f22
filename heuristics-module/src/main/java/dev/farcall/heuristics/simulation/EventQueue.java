package dev.farcall.heuristics.simulation;

import java.util.Arrays;

/**
 * Timed events in time order, ties in the order they were added (so a run is deterministic). An
 * event is a kind and a subject (a thread's index), packed with its time into primitive arrays: a
 * simulation of millions of calls allocates nothing per event.
 */
final class EventQueue {
  private long[] times = new long[1024];
  private long[] sequence = new long[1024];
  private long[] payload = new long[1024];
  private int size;
  private long added;

  void add(long time, int kind, int subject) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      sequence = Arrays.copyOf(sequence, size * 2);
      payload = Arrays.copyOf(payload, size * 2);
    }
    long seq = added++;
    long load = ((long) kind << 32) | (subject & 0xFFFFFFFFL);
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (before(times[parent], sequence[parent], time, seq)) {
        break;
      }
      times[i] = times[parent];
      sequence[i] = sequence[parent];
      payload[i] = payload[parent];
      i = parent;
    }
    times[i] = time;
    sequence[i] = seq;
    payload[i] = load;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The first event's time, or {@link Long#MAX_VALUE} when empty. */
  long peekTime() {
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  /** Removes the first event and returns its payload: {@code kind << 32 | subject}. */
  long poll() {
    long top = payload[0];
    size--;
    if (size > 0) {
      long time = times[size];
      long seq = sequence[size];
      long load = payload[size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size
            && before(times[child + 1], sequence[child + 1], times[child], sequence[child])) {
          child++;
        }
        if (before(time, seq, times[child], sequence[child])) {
          break;
        }
        times[i] = times[child];
        sequence[i] = sequence[child];
        payload[i] = payload[child];
        i = child;
      }
      times[i] = time;
      sequence[i] = seq;
      payload[i] = load;
    }
    return top;
  }

  static int kind(long payload) {
    return (int) (payload >>> 32);
  }

  static int subject(long payload) {
    return (int) payload;
  }

  private static boolean before(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
