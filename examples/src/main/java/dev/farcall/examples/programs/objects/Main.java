package dev.farcall.examples.programs.objects;

import dev.farcall.api.Farcall;
import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Remote objects: one counter called from four threads, a thousand increments each; under Farcall
 * it lives on a worker, under plain java in this JVM, and the output is the same. Argument: how
 * long to keep the counter before closing it, in ms (default 0), so that it can be seen listed.
 */
public class Main {

  static final int THREADS = 4;
  static final int CALLS = 1000;

  public static void main(String[] args) throws Exception {
    RemoteRef<Tally> tally = Farcall.remote(Tally::new, 0);
    List<Thread> threads = new ArrayList<>();
    List<CompletableFuture<Integer>> lastCalls = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String caller = "t" + t;
      CompletableFuture<Integer> last = new CompletableFuture<>();
      lastCalls.add(last);
      threads.add(
          new Thread(
              () -> {
                CompletableFuture<Integer> call = null;
                for (int i = 0; i < CALLS; i++) {
                  call = tally.call(Tally::add, caller, i);
                }
                call.whenComplete((v, e) -> last.complete(v));
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    CompletableFuture.allOf(lastCalls.toArray(CompletableFuture[]::new)).join();
    System.out.println("total = " + tally.get(Tally::value));
    System.out.println("each caller in its order: " + tally.get(Tally::inCallerOrder, THREADS));
    try {
      tally.get(Tally::take, -1);
    } catch (IllegalArgumentException e) {
      System.out.println("refused: " + e.getMessage());
    }
    System.out.println("after taking 1000: " + tally.get(Tally::take, 1000));
    Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) : 0);
    tally.close();
    try {
      tally.get(Tally::value);
    } catch (RemoteObjectLostException e) {
      System.out.println("after close: " + e.lossCause());
    }
  }
}
