package dev.farcall.dispatch;

import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka side of a dispatcher: where requests go and where their replies come back.
 *
 * @param producer sends the requests (shared with nothing that needs another configuration; see
 *     {@link InvocationProducers})
 * @param invocationsTopic the topic the workers consume
 * @param partitionCount partitions of the invocations topic
 * @param bootstrapServers where the replies are read from
 * @param replies this dispatcher's reply address
 * @param clientId names this dispatcher's Kafka clients in the broker's logs and metrics
 */
public record DispatchChannels(
    Producer<String, byte[]> producer,
    String invocationsTopic,
    int partitionCount,
    String bootstrapServers,
    ReplyAddress replies,
    String clientId) {

  public DispatchChannels {
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(invocationsTopic, "invocationsTopic");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(clientId, "clientId");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount must be positive, got " + partitionCount);
    }
  }
}
