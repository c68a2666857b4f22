package dev.farcall.coordinator.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The dashboard's event stream ({@code farcall.events.*}). */
@ConfigurationProperties("farcall.events")
public class EventsProperties {

  /** Default number of recent events kept for clients that resume. */
  public static final int DEFAULT_BUFFER_SIZE = 10_000;

  /** Default size of the recent events kept (their JSON, a byte per character). */
  public static final DataSize DEFAULT_BUFFER_BYTES = DataSize.ofMegabytes(32);

  /** Default size of the events that may wait for one slow client before it is dropped. */
  public static final DataSize DEFAULT_SUBSCRIBER_QUEUE_BYTES = DataSize.ofMegabytes(8);

  /** Default number of events that may wait for one slow client before it is dropped. */
  public static final int DEFAULT_SUBSCRIBER_QUEUE = 2_000;

  /** Default number of clients streaming at once. */
  public static final int DEFAULT_MAX_SUBSCRIBERS = 200;

  /**
   * Recent events kept in memory, so that a client reconnecting with {@code Last-Event-ID} misses
   * none; older ones are gone (the client is told to reload).
   */
  private int bufferSize = DEFAULT_BUFFER_SIZE;

  /**
   * The most the kept recent events may take together, counted as their JSON text (a byte per
   * character): a run's stats event alone can be tens of kilobytes, so a count alone would let the
   * buffer hold hundreds of megabytes. The oldest go first; the newest event is always kept.
   */
  private DataSize bufferBytes = DEFAULT_BUFFER_BYTES;

  /** The most the events waiting for one client may take (counted as above); then it is dropped. */
  private DataSize subscriberQueueBytes = DEFAULT_SUBSCRIBER_QUEUE_BYTES;

  /**
   * Events that may wait to be written to one client; a client that falls further behind is
   * dropped, so that it never holds up the coordinator.
   */
  private int subscriberQueue = DEFAULT_SUBSCRIBER_QUEUE;

  /** Clients streaming at once (each holds a thread); more are refused with 503. */
  private int maxSubscribers = DEFAULT_MAX_SUBSCRIBERS;

  /** A comment is sent after this much silence, so that proxies and clients see a live stream. */
  private Duration keepAlive = Duration.ofSeconds(15);

  /** A stream ends after this long; clients reconnect with {@code Last-Event-ID}. */
  private Duration streamTimeout = Duration.ofMinutes(30);

  /** How often a running run's output and stats are looked at for {@code run.output/stats}. */
  private Duration tailInterval = Duration.ofMillis(250);

  public int getBufferSize() {
    return bufferSize;
  }

  public void setBufferSize(int bufferSize) {
    this.bufferSize = bufferSize;
  }

  public DataSize getBufferBytes() {
    return bufferBytes;
  }

  public void setBufferBytes(DataSize bufferBytes) {
    this.bufferBytes = bufferBytes;
  }

  public DataSize getSubscriberQueueBytes() {
    return subscriberQueueBytes;
  }

  public void setSubscriberQueueBytes(DataSize subscriberQueueBytes) {
    this.subscriberQueueBytes = subscriberQueueBytes;
  }

  public int getSubscriberQueue() {
    return subscriberQueue;
  }

  public void setSubscriberQueue(int subscriberQueue) {
    this.subscriberQueue = subscriberQueue;
  }

  public int getMaxSubscribers() {
    return maxSubscribers;
  }

  public void setMaxSubscribers(int maxSubscribers) {
    this.maxSubscribers = maxSubscribers;
  }

  public Duration getKeepAlive() {
    return keepAlive;
  }

  public void setKeepAlive(Duration keepAlive) {
    this.keepAlive = keepAlive;
  }

  public Duration getStreamTimeout() {
    return streamTimeout;
  }

  public void setStreamTimeout(Duration streamTimeout) {
    this.streamTimeout = streamTimeout;
  }

  public Duration getTailInterval() {
    return tailInterval;
  }

  public void setTailInterval(Duration tailInterval) {
    this.tailInterval = tailInterval;
  }
}
