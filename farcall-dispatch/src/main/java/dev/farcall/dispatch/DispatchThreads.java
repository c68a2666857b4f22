package dev.farcall.dispatch;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads of the dispatch core, named so that thread dumps tell whose they are. */
final class DispatchThreads {

  private DispatchThreads() {}

  /**
   * Daemon threads named {@code prefix1, prefix2, ...}. Pool threads start lazily, possibly on a
   * program's thread; pinning the group of the thread that built the factory keeps them out of the
   * program's thread groups.
   */
  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    return r -> {
      Thread t = new Thread(group, r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
