package dev.farcall.coordinator.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's live events: a ring buffer of recent events with ids, bounded by count and by
 * size, and the subscribers they are fanned out to. {@link #publish} never waits for a subscriber:
 * it serialises the data once and offers the event to each subscriber's bounded queue, dropping a
 * subscriber whose queue is full.
 */
@Component
class EventHub {

  private final String epoch = Long.toString(System.currentTimeMillis(), 36);
  private final JsonMapper json;
  private final StreamEvent[] ring;
  private final long bufferBytes;
  private final int queueCapacity;
  private final long queueBytes;
  private final List<Subscription> subscribers = new ArrayList<>();
  private final Counter droppedCounter;
  private long last;
  // The kept events are oldest..last; their sizes add up to retainedBytes.
  private long oldest = 1;
  private long retainedBytes;

  EventHub(JsonMapper json, EventsProperties properties, ObjectProvider<MeterRegistry> meters) {
    this.json = json;
    this.ring = new StreamEvent[Math.max(1, properties.getBufferSize())];
    this.bufferBytes = properties.getBufferBytes().toBytes();
    this.queueCapacity = Math.max(1, properties.getSubscriberQueue());
    this.queueBytes = properties.getSubscriberQueueBytes().toBytes();
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      Gauge.builder("farcall.events.subscribers", this, EventHub::subscriberCount)
          .description("Clients streaming GET /api/v1/events")
          .register(registry);
      this.droppedCounter =
          Counter.builder("farcall.events.dropped")
              .description("Event stream clients dropped because they fell behind")
              .register(registry);
    } else {
      this.droppedCounter = null;
    }
  }

  /**
   * Appends an event and offers it to every subscriber.
   *
   * @param programId the program it concerns, or {@code null}
   * @param runId the run it concerns, or {@code null}
   * @param data its JSON data, as a value Jackson serialises
   */
  void publish(String type, String programId, String runId, Object data) {
    String text = json.writeValueAsString(data);
    synchronized (this) {
      long sequence = ++last;
      StreamEvent event = new StreamEvent(sequence, idOf(sequence), type, programId, runId, text);
      keep(event);
      subscribers.removeIf(s -> !s.offer(event) && countDrop());
    }
  }

  /**
   * Puts the event in the ring, where it takes the slot of the event {@code ring.length} older,
   * then forgets the oldest events while the kept ones are over the size bound.
   */
  private void keep(StreamEvent event) {
    int slot = slot(event.sequence());
    if (ring[slot] != null) {
      retainedBytes -= ring[slot].size();
    }
    ring[slot] = event;
    retainedBytes += event.size();
    oldest = Math.max(oldest, event.sequence() - ring.length + 1);
    while (retainedBytes > bufferBytes && oldest < event.sequence()) {
      int first = slot(oldest++);
      retainedBytes -= ring[first].size();
      ring[first] = null;
    }
  }

  /**
   * Registers a subscriber. With a {@code Last-Event-ID} of this coordinator still in the buffer,
   * it first gets every event after it that passes its filter; with any other id (another
   * coordinator's, or one too old) a single {@code reset} event telling it to reload.
   */
  synchronized Subscription subscribe(EventFilter filter, Optional<String> lastEventId) {
    Subscription subscription =
        new Subscription(
            filter,
            lastEventId.map(id -> replayAfter(id, filter)).orElse(List.of()),
            queueCapacity,
            queueBytes);
    subscribers.add(subscription);
    return subscription;
  }

  /** Forgets a subscriber whose stream ended. */
  synchronized void unsubscribe(Subscription subscription) {
    subscribers.remove(subscription);
  }

  /** How many clients are streaming. */
  synchronized int subscriberCount() {
    return subscribers.size();
  }

  /** The id of the most recent event ({@code <epoch>-0} before the first). */
  synchronized String lastId() {
    return idOf(last);
  }

  private List<StreamEvent> replayAfter(String lastEventId, EventFilter filter) {
    Optional<Long> sequence = sequenceOf(lastEventId);
    if (sequence.isEmpty() || sequence.get() < oldest - 1 || sequence.get() > last) {
      return List.of(
          new StreamEvent(last, idOf(last), EventTypes.RESET, null, null, resetData(lastEventId)));
    }
    List<StreamEvent> missed = new ArrayList<>();
    for (long s = sequence.get() + 1; s <= last; s++) {
      StreamEvent event = ring[slot(s)];
      if (filter.matches(event)) {
        missed.add(event);
      }
    }
    return missed;
  }

  private String resetData(String lastEventId) {
    return json.writeValueAsString(
        java.util.Map.of(
            "lastEventId",
            lastEventId,
            "reason",
            "events after this id are no longer available (the coordinator restarted or the"
                + " buffer moved on): reload from the REST API"));
  }

  private Optional<Long> sequenceOf(String id) {
    int dash = id.lastIndexOf('-');
    if (dash < 0 || !id.substring(0, dash).equals(epoch)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(id.substring(dash + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private boolean countDrop() {
    if (droppedCounter != null) {
      droppedCounter.increment();
    }
    return true;
  }

  private String idOf(long sequence) {
    return epoch + "-" + sequence;
  }

  private int slot(long sequence) {
    return (int) ((sequence - 1) % ring.length);
  }
}
