package dev.farcall.driver.cluster;

import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.driver.sites.RemoteConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A connection opened on first use: a run without dispatchable sites reaches Kafka only if it makes
 * a remote object.
 */
public final class LazyConnection implements RemoteConnection, AutoCloseable {

  private final Supplier<RemoteConnection> open;
  private RemoteConnection connection;

  public LazyConnection(Supplier<RemoteConnection> open) {
    this.open = open;
  }

  private synchronized RemoteConnection connection() {
    if (connection == null) {
      connection = open.get();
    }
    return connection;
  }

  @Override
  public Optional<RemoteInvoker> invoker(Duration wait) {
    return connection().invoker(wait);
  }

  @Override
  public Optional<RemoteObjects> objects(Duration wait) {
    return connection().objects(wait);
  }

  @Override
  public Optional<RemoteObjects> openObjects() {
    RemoteConnection c;
    synchronized (this) {
      c = connection;
    }
    return c == null ? Optional.empty() : c.openObjects();
  }

  @Override
  public long foreignReplies() {
    RemoteConnection c;
    synchronized (this) {
      c = connection;
    }
    return c == null ? 0 : c.foreignReplies();
  }

  @Override
  public void close() throws Exception {
    RemoteConnection c;
    synchronized (this) {
      c = connection;
    }
    if (c instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
