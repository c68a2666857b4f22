package dev.farcall.coordinator.run;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.placement.AdaptiveSettingsService;
import dev.farcall.coordinator.profile.ProgramProfiles;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.run.driver.DriverDistribution;
import dev.farcall.coordinator.run.driver.DriverLauncher;
import dev.farcall.coordinator.run.driver.RunCredentials;
import dev.farcall.coordinator.run.driver.RunEventsListener;
import dev.farcall.coordinator.run.driver.RunIsolation;
import dev.farcall.coordinator.run.driver.RunLocations;
import dev.farcall.coordinator.run.driver.RunPlan;
import dev.farcall.coordinator.run.driver.RunSpecFactory;
import dev.farcall.coordinator.run.driver.RunTopics;
import dev.farcall.coordinator.system.CoordinatorProperties;
import dev.farcall.coordinator.worker.WorkerRegistryProperties;
import dev.farcall.model.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires runs: isolation, the driver's installation, launching, supervision, events. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunConfiguration {

  @Bean
  RunIsolation runIsolation(RunProperties properties) {
    return RunIsolation.decide(properties.isolationSettings());
  }

  @Bean
  RunLocations runLocations(
      CoordinatorProperties coordinator,
      RunProperties properties,
      RunIsolation isolation,
      Environment environment) {
    return RunLocations.under(
        coordinator.getDataDir(),
        isolation.separatesUsers(),
        properties.getCoordinatorUrl(),
        () ->
            environment.getProperty(
                "local.server.port",
                Integer.class,
                environment.getProperty("server.port", Integer.class, 8080)));
  }

  @Bean
  DriverDistribution driverDistribution(RunLocations locations, RunProperties properties) {
    DriverDistribution distribution =
        DriverDistribution.install(locations.runsRoot(), properties.driverSettings());
    distribution.buildArchiveInBackground();
    return distribution;
  }

  @Bean
  RunCredentials runCredentials() {
    return new RunCredentials();
  }

  @Bean
  DriverLauncher driverLauncher(
      DriverDistribution distribution,
      RunIsolation isolation,
      RunCredentials credentials,
      RunProperties properties,
      DispatchProperties dispatch,
      WorkerRegistryProperties registry,
      FarcallKafkaProperties kafka,
      RunLocations locations) {
    return new DriverLauncher(
        distribution,
        isolation,
        credentials,
        new RunSpecFactory(properties.specSettings(), dispatch, registry, kafka),
        properties.driverSettings(),
        locations);
  }

  /** Depends on {@link Topics} so that the run-events topic exists before it is read. */
  @Bean
  RunEventsListener runEventsListener(
      FarcallKafkaProperties kafka, Topics topics, ObjectProvider<RunSupervisor> supervisor) {
    return new RunEventsListener(
        kafka.getBootstrapServers(),
        topics.runEvents(),
        topics.prefix() + "coordinator",
        event -> supervisor.getObject().onEvent(event));
  }

  @Bean(destroyMethod = "close")
  RunTopics runTopics(FarcallKafkaProperties kafka, Topics topics) {
    return new RunTopics(kafka.getBootstrapServers(), topics);
  }

  @Bean
  RunSupervisor runSupervisor(
      RunProperties properties,
      RunRepository repository,
      DriverLauncher launcher,
      RunIsolation isolation,
      RunCredentials credentials,
      RunEventsListener events,
      RunTopics topics,
      ApplicationEventPublisher publisher) {
    return new RunSupervisor(
        properties, repository, launcher, isolation, credentials, events, topics, publisher);
  }

  @Bean
  RunService runService(
      ProgramLookup programs,
      RunRepository repository,
      RunProperties properties,
      ObjectProvider<RunPlanSource> plans,
      RunSupervisor supervisor,
      RunEventsListener events,
      RunTopics topics,
      RunLocations locations,
      AdaptiveSettingsService adaptive,
      ProgramProfiles profiles) {
    return new RunService(
        programs,
        repository,
        properties,
        plans.getIfAvailable(() -> (program, heuristic, tunables) -> RunPlan.empty()),
        supervisor,
        new RunService.RunComponents(
            events, topics, locations, new RunPolicies(adaptive, profiles)));
  }
}
