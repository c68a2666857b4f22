package dev.farcall.heuristics.placement;

import java.util.Arrays;

/**
 * The strongly connected components of a call graph given as int adjacency, in the order placement
 * walks them: callers before callees, and among components that are ready at once the one with the
 * smallest member first, so that plans never depend on hashing or input order.
 *
 * <p>Placement runs this on every call, so it works on int arrays only: JGraphT's Kosaraju
 * inspector with its condensation and a {@code TopologicalOrderIterator} gave the same order but
 * boxed every vertex, built a subgraph per component and hashed those subgraphs, which made it
 * about 30 times the allocation of the whole placement. Both searches keep their own stack, so deep
 * call chains cannot overflow the thread's.
 */
final class CallGraphComponents {
  private final int[][] outSites;
  private final int[] siteCallee;
  private final boolean[] recursive;
  private final int[] componentOf;
  private int[][] members;
  private int count;

  private CallGraphComponents(int[][] outSites, int[] siteCallee, boolean[] recursive) {
    this.outSites = outSites;
    this.siteCallee = siteCallee;
    this.recursive = recursive;
    componentOf = new int[outSites.length];
    members = new int[16][];
  }

  /**
   * Components of the graph whose method {@code v} calls {@code siteCallee[s]} for each {@code s}
   * in {@code outSites[v]}, callers first, members of each sorted. Marks in {@code recursive} the
   * methods that call themselves or share a component with another.
   */
  static int[][] callersFirst(int[][] outSites, int[] siteCallee, boolean[] recursive) {
    CallGraphComponents components = new CallGraphComponents(outSites, siteCallee, recursive);
    components.tarjan();
    return components.topological();
  }

  /** Tarjan's algorithm without recursion; the emission order is not used. */
  private void tarjan() {
    int n = outSites.length;
    int[] index = new int[n];
    int[] low = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int stackSize = 0;
    int[] callStack = new int[n];
    int[] edgeCursor = new int[n];
    int counter = 0;
    for (int start = 0; start < n; start++) {
      if (index[start] >= 0) {
        continue;
      }
      int depth = 0;
      callStack[depth++] = start;
      index[start] = low[start] = counter++;
      stack[stackSize++] = start;
      onStack[start] = true;
      while (depth > 0) {
        int v = callStack[depth - 1];
        if (edgeCursor[v] < outSites[v].length) {
          int w = siteCallee[outSites[v][edgeCursor[v]++]];
          if (w == v) {
            recursive[v] = true;
          }
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[stackSize++] = w;
            onStack[w] = true;
            callStack[depth++] = w;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          depth--;
          if (depth > 0) {
            int parent = callStack[depth - 1];
            low[parent] = Math.min(low[parent], low[v]);
          }
          if (low[v] == index[v]) {
            int end = stackSize;
            int w;
            do {
              w = stack[--stackSize];
              onStack[w] = false;
            } while (w != v);
            emit(Arrays.copyOfRange(stack, stackSize, end));
          }
        }
      }
    }
  }

  private void emit(int[] component) {
    Arrays.sort(component);
    if (component.length > 1) {
      for (int member : component) {
        recursive[member] = true;
      }
    }
    for (int member : component) {
      componentOf[member] = count;
    }
    if (count == members.length) {
      members = Arrays.copyOf(members, count * 2);
    }
    members[count++] = component;
  }

  /**
   * Kahn's algorithm over the condensation, taking the ready component with the smallest member
   * first. A component's smallest member names it in the heap (members are disjoint).
   */
  private int[][] topological() {
    int[] callersLeft = new int[count];
    for (int c = 0; c < count; c++) {
      for (int v : members[c]) {
        for (int s : outSites[v]) {
          int callee = componentOf[siteCallee[s]];
          if (callee != c) {
            callersLeft[callee]++;
          }
        }
      }
    }
    IntMinHeap ready = new IntMinHeap(count);
    for (int c = 0; c < count; c++) {
      if (callersLeft[c] == 0) {
        ready.push(members[c][0]);
      }
    }
    int[][] ordered = new int[count][];
    int emitted = 0;
    while (!ready.isEmpty()) {
      int c = componentOf[ready.pop()];
      ordered[emitted++] = members[c];
      for (int v : members[c]) {
        for (int s : outSites[v]) {
          int callee = componentOf[siteCallee[s]];
          if (callee != c && --callersLeft[callee] == 0) {
            ready.push(members[callee][0]);
          }
        }
      }
    }
    return ordered;
  }

  /** A binary min-heap of ints with a fixed capacity. */
  private static final class IntMinHeap {
    private final int[] heap;
    private int size;

    IntMinHeap(int capacity) {
      heap = new int[capacity];
    }

    boolean isEmpty() {
      return size == 0;
    }

    void push(int value) {
      int i = size++;
      while (i > 0 && heap[(i - 1) / 2] > value) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
      }
      heap[i] = value;
    }

    int pop() {
      int top = heap[0];
      int last = heap[--size];
      int i = 0;
      while (2 * i + 1 < size) {
        int child = 2 * i + 1;
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= last) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
      return top;
    }
  }
}
