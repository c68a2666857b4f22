package dev.farcall.coordinator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events buffer and each client's queue are bounded by size as well as by count: a run's stats
 * event can be tens of kilobytes, and 10,000 of them would hold hundreds of megabytes (the soak's
 * heap grew by exactly such events).
 */
class EventHubTests {

  private static final String KB = "x".repeat(1000);

  @Test
  void theBufferKeepsOnlyTheNewestEventsThatFitItsSize() {
    EventHub hub = hub(1000, DataSize.ofKilobytes(10), 1000, DataSize.ofMegabytes(1));
    for (int i = 0; i < 50; i++) {
      publish(hub, i);
    }
    String last = hub.lastId();
    String epoch = last.substring(0, last.lastIndexOf('-'));

    // about 10 events of ~1 KB fit: a client 5 behind gets exactly those 5
    assertThat(replayed(hub, epoch + "-45")).containsExactly(46, 47, 48, 49, 50);
    // one 30 behind asks for events no longer kept: it is told to reload, not given a gap
    assertThat(hub.subscribe(EventFilter.ALL, Optional.of(epoch + "-20")).replay())
        .extracting(StreamEvent::type)
        .containsExactly(EventTypes.RESET);
  }

  @Test
  void anEventLargerThanTheWholeBufferIsStillKeptAsTheNewest() {
    EventHub hub = hub(1000, DataSize.ofBytes(100), 1000, DataSize.ofMegabytes(1));
    publish(hub, 1);
    publish(hub, 2);
    String last = hub.lastId();
    String epoch = last.substring(0, last.lastIndexOf('-'));

    assertThat(replayed(hub, epoch + "-1")).containsExactly(2);
  }

  @Test
  void aClientWhoseQueuedEventsOutgrowItsSizeBoundIsDropped() {
    EventHub hub = hub(1000, DataSize.ofMegabytes(1), 1000, DataSize.ofKilobytes(5));
    Subscription slow = hub.subscribe(EventFilter.ALL, Optional.empty());
    Subscription keepingUp = hub.subscribe(EventFilter.ALL, Optional.empty());

    for (int i = 0; i < 10; i++) {
      publish(hub, i);
      assertThat(keepingUp.next(Duration.ofSeconds(1))).isPresent();
    }

    // far under its count bound (1,000), over its 5 KB
    assertThat(slow.dropped()).isTrue();
    assertThat(keepingUp.dropped()).isFalse();
    assertThat(hub.subscriberCount()).isEqualTo(1);
  }

  private static void publish(EventHub hub, int i) {
    hub.publish(EventTypes.RUN_STATS, "p", "r", Map.of("i", i, "padding", KB));
  }

  private static List<Integer> replayed(EventHub hub, String lastEventId) {
    return hub.subscribe(EventFilter.ALL, Optional.of(lastEventId)).replay().stream()
        .map(e -> (int) e.sequence())
        .toList();
  }

  private static EventHub hub(
      int bufferSize, DataSize bufferBytes, int queue, DataSize queueBytes) {
    EventsProperties properties = new EventsProperties();
    properties.setBufferSize(bufferSize);
    properties.setBufferBytes(bufferBytes);
    properties.setSubscriberQueue(queue);
    properties.setSubscriberQueueBytes(queueBytes);
    return new EventHub(
        JsonMapper.builder().build(),
        properties,
        new DefaultListableBeanFactory().getBeanProvider(MeterRegistry.class));
  }
}
