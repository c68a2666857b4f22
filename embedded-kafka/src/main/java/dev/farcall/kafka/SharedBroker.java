package dev.farcall.kafka;

/**
 * One embedded broker per JVM, started on first use and stopped when the JVM exits. Test suites
 * share it so that each test JVM pays the broker's start-up once; tests isolate themselves with
 * their own topic prefix.
 */
public final class SharedBroker {

  private static EmbeddedKafkaBroker broker;

  private SharedBroker() {}

  /** The JVM's shared broker, started on first call. */
  public static synchronized EmbeddedKafkaBroker get() {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start();
      EmbeddedKafkaBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "farcall-kafka-shutdown"));
    }
    return broker;
  }

  /** Shorthand for {@code get().bootstrapServers()}. */
  public static String bootstrapServers() {
    return get().bootstrapServers();
  }
}
