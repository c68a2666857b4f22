package dev.farcall.coordinator.timeline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wires the timeline settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimelineProperties.class)
class TimelineConfiguration {}
