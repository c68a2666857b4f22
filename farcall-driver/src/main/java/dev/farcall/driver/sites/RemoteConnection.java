package dev.farcall.driver.sites;

import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.dispatch.objects.RemoteObjects;
import java.time.Duration;
import java.util.Optional;

/**
 * The run's way to the workers. The driver opens it in the background while the program starts, so
 * that a program that never calls remotely never waits for Kafka.
 */
public interface RemoteConnection {

  /**
   * The invoker, waiting for the connection up to {@code wait}.
   *
   * @return empty when the connection is not open by then or could not be opened: the call then
   *     runs at home
   */
  Optional<RemoteInvoker> invoker(Duration wait);

  /**
   * The run's remote objects, waiting for the connection up to {@code wait}.
   *
   * @return empty when the connection is not open by then: the object then lives at home
   */
  default Optional<RemoteObjects> objects(Duration wait) {
    return Optional.empty();
  }

  /**
   * The run's remote objects if the connection is open now; never opens it nor waits (the run's
   * stats report them).
   */
  default Optional<RemoteObjects> openObjects() {
    return Optional.empty();
  }

  /** Replies that reached this connection but answered none of its calls. */
  default long foreignReplies() {
    return 0;
  }

  /** A connection that never opens: every call runs at home. */
  static RemoteConnection none() {
    return wait -> Optional.empty();
  }
}
