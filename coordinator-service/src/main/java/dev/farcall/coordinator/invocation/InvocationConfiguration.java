package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.dispatch.RemoteInvoker;
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
      InvocationProperties properties) {
    return new InvocationService(
        programs, new ProgramLoaders(properties.getCachedPrograms()), dispatcher, dispatch);
  }
}
