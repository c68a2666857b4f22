package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.run.RunService;
import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.heuristics.Effect;
import dev.farcall.model.wire.MethodRef;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the invocation service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvocationProperties.class)
class InvocationConfiguration {

  @Bean
  ProgramLoaders programLoaders(InvocationProperties properties) {
    return new ProgramLoaders(properties.getCachedPrograms());
  }

  @Bean
  InvocationService invocationService(
      ProgramLookup programs,
      ProgramLoaders loaders,
      RemoteInvoker dispatcher,
      DispatchProperties dispatch,
      AnalysisService analyses) {
    return new InvocationService(
        programs,
        loaders,
        dispatcher,
        dispatch,
        (programId, method) -> effectFree(analyses, programId, method));
  }

  /**
   * The analysis's verdict: movable (which a {@code pure} declaration can make so), or no effect
   * but nondeterminism. Unknown (analysis not done, method not listed) is not effect-free.
   */
  private static boolean effectFree(AnalysisService analyses, String programId, MethodRef method) {
    return analyses
        .model(programId)
        .flatMap(m -> m.method(method.getOwnerClass(), method.getName(), method.getDescriptor()))
        .map(a -> a.movable() || a.effects().stream().allMatch(e -> e == Effect.NONDETERMINISTIC))
        .orElse(false);
  }

  /** Objects created over REST; they belong to no run and live until deleted or lost. */
  @Bean
  RemoteObjects restObjects(CallDispatcher dispatcher, WorkerRegistry registry) {
    return new RemoteObjects(dispatcher, registry);
  }

  @Bean
  ObjectService objectService(
      ProgramLookup programs,
      ProgramLoaders loaders,
      RemoteObjects restObjects,
      DispatchProperties dispatch,
      AnalysisService analyses,
      ObjectProvider<RunService> runs) {
    // read when listing, so that neither service needs the other at start-up
    return new ObjectService(
        programs, loaders, restObjects, dispatch, analyses, () -> runs.getObject().liveObjects());
  }
}
