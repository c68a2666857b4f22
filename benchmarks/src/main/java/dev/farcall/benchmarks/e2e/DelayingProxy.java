package dev.farcall.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that holds every byte it forwards for a fixed time in each direction, so
 * that clients behind it see a longer round trip (these kernels have no {@code netem}). Bytes keep
 * their order and are never merged across the delay: each chunk read is written once its time has
 * come, by a writer thread per direction, so the delay does not shrink the bandwidth.
 */
public final class DelayingProxy implements AutoCloseable {

  /** A chunk read at {@code due - delay}, to be written at {@code due}; empty at end of stream. */
  private record Chunk(long due, byte[] bytes) {}

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final long delayNanos;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "delaying-proxy");
            t.setDaemon(true);
            return t;
          });

  private DelayingProxy(ServerSocket server, InetSocketAddress upstream, Duration oneWay) {
    this.server = server;
    this.upstream = upstream;
    this.delayNanos = oneWay.toNanos();
  }

  /** Listens on a free loopback port and forwards to {@code upstream}, {@code oneWay} each way. */
  public static DelayingProxy start(InetSocketAddress upstream, Duration oneWay)
      throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    DelayingProxy proxy = new DelayingProxy(server, upstream, oneWay);
    proxy.threads.execute(proxy::accept);
    return proxy;
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket up = new Socket();
        up.connect(upstream);
        client.setTcpNoDelay(true);
        up.setTcpNoDelay(true);
        forward(client, up);
        forward(up, client);
      } catch (IOException e) {
        // the proxy closed, or one connection failed: the client sees it closed and reconnects
      }
    }
  }

  private void forward(Socket from, Socket to) throws IOException {
    BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    threads.execute(() -> read(in, chunks));
    threads.execute(() -> write(chunks, out, to));
  }

  private void read(InputStream in, BlockingQueue<Chunk> chunks) {
    byte[] buffer = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        chunks.add(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // the connection ended
    }
    chunks.add(new Chunk(System.nanoTime() + delayNanos, new byte[0]));
  }

  private void write(BlockingQueue<Chunk> chunks, OutputStream out, Socket to) {
    try {
      while (true) {
        Chunk c = chunks.take();
        long wait;
        while ((wait = c.due() - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        if (c.bytes().length == 0) {
          to.shutdownOutput();
          return;
        }
        out.write(c.bytes());
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
