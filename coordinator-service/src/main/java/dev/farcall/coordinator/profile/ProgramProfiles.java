package dev.farcall.coordinator.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What runs learned of a program, per content (the jar's SHA-256): each run that ends folds its
 * measured per-method figures in ({@link #learn}); the placement takes them as profiles (estimates
 * with source PROFILE) and the next run starts each method where the adaptive policy left it.
 */
@Service
public class ProgramProfiles {

  private static final Logger log = LoggerFactory.getLogger(ProgramProfiles.class);

  private final ProfileRepository repository;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Object writeLock = new Object();

  ProgramProfiles(
      ProfileRepository repository,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.transactions = new TransactionTemplate(transactions);
    this.events = events;
  }

  /**
   * Folds a run's measurements in; sites the run measured nothing of are left as they were. Then
   * publishes {@link ProfilesChangedEvent} if anything was stored.
   */
  public void learn(String programId, String jarSha256, String runId, List<SiteMeasurement> sites) {
    Instant now = Instant.now();
    List<SiteMeasurement> measured =
        sites.stream().filter(SiteMeasurement::measuredAnything).toList();
    if (measured.isEmpty()) {
      return;
    }
    synchronized (writeLock) {
      transactions.executeWithoutResult(
          tx -> {
            for (SiteMeasurement m : measured) {
              SiteProfile fresh = m.toProfile(runId, now);
              SiteProfile merged =
                  repository
                      .find(jarSha256, m.methodKey())
                      .map(old -> old.updatedBy(fresh))
                      .orElse(fresh);
              repository.save(jarSha256, merged);
            }
          });
    }
    events.publishEvent(new ProfilesChangedEvent(programId, jarSha256, runId));
  }

  @EventListener
  void onRunMeasured(RunMeasuredEvent event) {
    try {
      learn(event.programId(), event.jarSha256(), event.runId(), event.sites());
    } catch (RuntimeException e) {
      // a lost profile costs the next run its head start, never this run its result
      log.warn("run {}: its profile could not be stored", event.runId(), e);
    }
  }

  /** The profiles of a program's content, by method key. */
  public Map<String, SiteProfile> of(String jarSha256) {
    Map<String, SiteProfile> byKey = new LinkedHashMap<>();
    repository.all(jarSha256).forEach(p -> byKey.put(p.methodKey(), p));
    return byKey;
  }

  /**
   * What one run measured of one method, from its final stats.
   *
   * @param methodKey {@code pkg.Class#name(desc)}
   * @param localWorkNanos mean work of the timed calls at home (empty if none was timed)
   * @param localTimedCalls how many calls at home were timed
   * @param remoteWorkNanos mean work on the workers (empty without remote calls)
   * @param roundTripNanos mean round trip (empty without remote calls)
   * @param remoteCalls remote calls answered
   * @param meanBytes mean argument plus result bytes of a remote call (empty without any)
   * @param learnedDecision the policy's decision at the run's end (empty unless a policy drove it)
   * @param learnedReason the reason of the policy's last flip of the method, if any
   */
  public record SiteMeasurement(
      String methodKey,
      OptionalDouble localWorkNanos,
      long localTimedCalls,
      OptionalDouble remoteWorkNanos,
      OptionalDouble roundTripNanos,
      long remoteCalls,
      OptionalDouble meanBytes,
      Optional<String> learnedDecision,
      Optional<String> learnedReason) {

    boolean measuredAnything() {
      return localWorkNanos.isPresent() || remoteWorkNanos.isPresent();
    }

    SiteProfile toProfile(String runId, Instant at) {
      return new SiteProfile(
          methodKey,
          localWorkNanos,
          localTimedCalls,
          remoteWorkNanos,
          roundTripNanos,
          remoteCalls,
          meanBytes,
          learnedDecision,
          learnedReason,
          runId,
          at);
    }
  }
}
