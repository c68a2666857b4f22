package dev.farcall.coordinator.events;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes subscriptions to their clients as server-sent events, each on a thread of its own (at most
 * {@code farcall.events.max-subscribers}), so that a client that stops reading blocks only its own
 * writer, never the hub nor the other clients.
 */
@Component
class EventStreams {

  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
  private static final long RETRY_MILLIS = 2_000;

  private final EventHub hub;
  private final EventsProperties properties;
  private final ThreadPoolExecutor writers;

  EventStreams(EventHub hub, EventsProperties properties) {
    this.hub = hub;
    this.properties = properties;
    AtomicInteger n = new AtomicInteger();
    this.writers =
        new ThreadPoolExecutor(
            0,
            Math.max(1, properties.getMaxSubscribers()),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "farcall-events-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens a stream of the events that pass {@code filter}, resuming after {@code lastEventId}.
   *
   * @throws TooManySubscribersException when {@code farcall.events.max-subscribers} stream already
   */
  SseEmitter open(EventFilter filter, Optional<String> lastEventId) {
    SseEmitter emitter = new SseEmitter(properties.getStreamTimeout().toMillis());
    Subscription subscription = hub.subscribe(filter, lastEventId);
    emitter.onCompletion(subscription::close);
    emitter.onTimeout(subscription::close);
    emitter.onError(e -> subscription.close());
    try {
      writers.execute(() -> write(subscription, emitter));
    } catch (RejectedExecutionException e) {
      hub.unsubscribe(subscription);
      throw new TooManySubscribersException(properties.getMaxSubscribers());
    }
    return emitter;
  }

  private void write(Subscription subscription, SseEmitter emitter) {
    Duration keepAlive = properties.getKeepAlive();
    try {
      emitter.send(SseEmitter.event().reconnectTime(RETRY_MILLIS).comment("farcall events"));
      for (StreamEvent event : subscription.replay()) {
        send(emitter, event);
      }
      while (!subscription.closed()) {
        Optional<StreamEvent> next = subscription.next(keepAlive);
        if (next.isPresent()) {
          send(emitter, next.get());
        } else if (!subscription.closed()) {
          emitter.send(SseEmitter.event().comment("keep-alive"));
        }
      }
      if (subscription.dropped()) {
        log.info("Dropped an event stream client that fell behind");
      }
      emitter.complete();
    } catch (IOException | IllegalStateException gone) {
      // the client went away (or the stream timed out): nothing to tell anyone
    } finally {
      subscription.close();
      hub.unsubscribe(subscription);
    }
  }

  private static void send(SseEmitter emitter, StreamEvent event) throws IOException {
    emitter.send(
        SseEmitter.event()
            .id(event.id())
            .name(event.type())
            .data(event.data(), MediaType.TEXT_PLAIN));
  }

  @PreDestroy
  void stop() {
    writers.shutdownNow();
  }
}
