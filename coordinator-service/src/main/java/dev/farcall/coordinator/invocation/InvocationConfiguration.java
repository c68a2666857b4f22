package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.heuristics.Effect;
import dev.farcall.model.wire.MethodRef;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the invocation service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvocationProperties.class)
class InvocationConfiguration {

  @Bean
  InvocationService invocationService(
      ProgramLookup programs,
      RemoteInvoker dispatcher,
      DispatchProperties dispatch,
      InvocationProperties properties,
      AnalysisService analyses) {
    return new InvocationService(
        programs,
        new ProgramLoaders(properties.getCachedPrograms()),
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
}
