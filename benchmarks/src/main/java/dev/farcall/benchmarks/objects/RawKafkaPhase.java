package dev.farcall.benchmarks.objects;

import dev.farcall.benchmarks.e2e.RawKafkaRequestReply;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The remote-objects benchmark's raw Kafka phase: a child JVM with an embedded broker and {@link
 * RawKafkaRequestReply}, one request at a time, the floor of Farcall's round trip.
 */
final class RawKafkaPhase {

  private RawKafkaPhase() {}

  /** Measures the floor with a broker of its own. */
  static void run(double warmUp, double seconds) throws Exception {
    Path dir = Files.createTempDirectory("farcall-objects-raw-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true)) {
      RawKafkaRequestReply raw = new RawKafkaRequestReply(broker.bootstrapServers());
      // count-based: about as long as the other cases at the floor's ~1,000 round trips per second
      raw.oneAtATime(warmUpRequests(warmUp));
      ObjectsResults.measured(ObjectsResults.RAW, raw.oneAtATime(requests(seconds)));
    } finally {
      ObjectsBenchmark.deleteRecursively(dir);
    }
  }

  /** The unmeasured requests before {@link #requests}. */
  static int warmUpRequests(double warmUpSeconds) {
    return Math.max(200, (int) (warmUpSeconds * 600));
  }

  /** The measured requests for a case of {@code seconds}. */
  static int requests(double seconds) {
    return Math.max(500, (int) (seconds * 600));
  }
}
