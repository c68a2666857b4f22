package dev.farcall.examples.programs.lingering;

import java.util.concurrent.ForkJoinPool;

/**
 * Leaves work behind that plain {@code java} would stop at exit: a common-pool task and a thread in
 * the root thread group, both spinning forever and ignoring interrupts. With {@code exit}, main
 * then calls {@code System.exit(0)}; without, it spins too (until cancelled).
 */
public class Main {

  static volatile long sink;

  static void spinForever() {
    long x = 1;
    while (true) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      sink = x;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    ForkJoinPool.commonPool().execute(Main::spinForever);
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread rooted = new Thread(root, Main::spinForever, "rooted");
    rooted.setDaemon(true);
    rooted.start();
    System.out.println("left two spinning threads behind");
    if (args.length > 0 && args[0].equals("exit")) {
      System.exit(0);
    }
    spinForever();
  }
}
