package dev.farcall.coordinator.kafka;

import dev.farcall.model.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code farcall.kafka.*} and makes sure the topics exist before any bean that produces or
 * consumes is created: every Kafka user in the coordinator depends on the {@link Topics} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FarcallKafkaProperties.class)
class KafkaConfiguration {

  @Bean
  Topics topics(FarcallKafkaProperties properties) {
    KafkaTopicCreator.createMissingTopics(properties);
    return properties.topics();
  }
}
