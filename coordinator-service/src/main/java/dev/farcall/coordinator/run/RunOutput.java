package dev.farcall.coordinator.run;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A run's standard output and standard error, captured separately in memory up to a cap each. Past
 * the cap, a visible marker is appended once and the rest is dropped. Readable at any time while
 * the run goes on; after {@link #close()} (the run has ended, as a JVM would have) writes are
 * ignored.
 */
public final class RunOutput {

  /** Appended once when a stream reaches its cap. */
  static final String TRUNCATION_MARKER = "\n[farcall: output truncated at %d bytes]\n";

  private final Capture stdout;
  private final Capture stderr;
  private final PrintStream out;
  private final PrintStream err;

  public RunOutput(int capBytes) {
    this.stdout = new Capture(capBytes);
    this.stderr = new Capture(capBytes);
    this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    this.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** Everything written to stdout so far (UTF-8). */
  public String stdout() {
    return stdout.text();
  }

  /** Everything written to stderr so far (UTF-8). */
  public String stderr() {
    return stderr.text();
  }

  /** Whether either stream hit its cap. */
  public boolean truncated() {
    return stdout.truncated() || stderr.truncated();
  }

  /** Stops accepting writes, flushing what the print streams still buffer. */
  void close() {
    out.flush();
    err.flush();
    stdout.close();
    stderr.close();
  }

  private static final class Capture extends OutputStream {
    private final int cap;
    private byte[] buf = new byte[256];
    private int size;
    private boolean truncated;
    private boolean closed;

    Capture(int cap) {
      this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (closed || truncated) {
        return;
      }
      int room = cap - size;
      int take = Math.min(room, len);
      append(b, off, take);
      if (take < len) {
        truncated = true;
        byte[] marker = String.format(TRUNCATION_MARKER, cap).getBytes(StandardCharsets.UTF_8);
        append(marker, 0, marker.length);
      }
    }

    private void append(byte[] b, int off, int len) {
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(size + len, buf.length * 2));
      }
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    synchronized String text() {
      return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
      return truncated;
    }

    @Override
    public synchronized void close() {
      closed = true;
    }
  }
}
