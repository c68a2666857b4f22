package dev.farcall.local;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what was started, last started first: workers before the coordinator they talk to, the
 * coordinator before the broker. A step that fails is logged and the next one still runs. Closing
 * twice does nothing the second time.
 */
public final class OrderedShutdown implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrderedShutdown.class);

  private record Step(String name, AutoCloseable action) {}

  private final Deque<Step> steps = new ArrayDeque<>();

  /** Registers something just started; it will be stopped before everything registered earlier. */
  public synchronized void push(String name, AutoCloseable action) {
    steps.push(new Step(name, action));
  }

  /** Stops everything registered, in reverse order of registration. */
  @Override
  public synchronized void close() {
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      try {
        log.info("Stopping {}", step.name());
        step.action().close();
      } catch (Exception | LinkageError e) {
        log.warn("Stopping {} failed: {}", step.name(), e.toString());
      }
    }
  }
}
