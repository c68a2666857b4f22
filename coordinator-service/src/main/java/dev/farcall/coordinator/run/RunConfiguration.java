package dev.farcall.coordinator.run;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wires the run driver's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunConfiguration {}
