package dev.farcall.coordinator.run.driver;

import dev.farcall.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the reply topic of each run that ended (a driver creates its own), and at start the
 * leftovers of runs that ended while no coordinator ran.
 */
public final class RunTopics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunTopics.class);

  private final Topics topics;
  private final Admin admin;

  public RunTopics(String bootstrapServers, Topics topics) {
    this.topics = topics;
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "farcall-coordinator-run-topics");
    this.admin = Admin.create(config);
  }

  /** Deletes a run's reply topic, in the background; a missing topic is fine. */
  public void deleteRunReplies(String runId) {
    admin
        .deleteTopics(List.of(topics.runReplies(runId)))
        .all()
        .whenComplete(
            (ok, error) -> {
              if (error != null
                  && !(error.getCause()
                      instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                log.debug(
                    "could not delete the reply topic of run {}: {}", runId, error.toString());
              }
            });
  }

  /** Deletes the reply topics of runs that are not going on. */
  public void deleteLeftovers(Predicate<String> runIsActive) {
    try {
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      String prefix = topics.runReplies("");
      List<String> stale =
          names.stream()
              .filter(topics::isRunReplies)
              .filter(n -> !runIsActive.test(n.substring(prefix.length())))
              .toList();
      if (!stale.isEmpty()) {
        admin.deleteTopics(stale);
        log.info("Deleting {} reply topic(s) of runs that ended", stale.size());
      }
    } catch (Exception e) {
      log.warn("could not list leftover run reply topics: {}", e.toString());
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
