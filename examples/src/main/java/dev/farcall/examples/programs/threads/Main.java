package dev.farcall.examples.programs.threads;

import java.util.concurrent.CountDownLatch;

/**
 * Starts many sleeping threads (5,000 by default, or the first argument) and then sleeps. Used to
 * show that such a run does not disturb a run beside it.
 */
public class Main {

  public static void main(String[] args) throws InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    CountDownLatch started = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      Thread t =
          new Thread(
              () -> {
                started.countDown();
                try {
                  Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "sleeper-" + i);
      t.setDaemon(true);
      t.start();
    }
    started.await();
    System.out.println("started " + count + " threads");
    Thread.sleep(Long.MAX_VALUE);
  }
}
