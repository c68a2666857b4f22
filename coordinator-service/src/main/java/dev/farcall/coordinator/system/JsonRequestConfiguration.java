package dev.farcall.coordinator.system;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON request bodies are read strictly: a member the endpoint does not know is a 400 naming it
 * ({@code unknown-field}), so a misspelt option ({@code "deadlineSecond"}) is never silently
 * ignored. Only the HTTP converter is strict; the application's own {@link JsonMapper} (stored
 * plans, analysis models) stays tolerant, so rows written by an older version still read.
 *
 * <p>The strict converter replaces Boot's JSON converter in its slot rather than being declared as
 * a converter bean: a bean would go in front of every default converter, and then byte arrays
 * (springdoc's {@code /v3/api-docs}) would be written as base64 JSON strings. Boot's own customizer
 * is ordered 0, so this one runs after it and wins.
 */
@Configuration(proxyBeanMethods = false)
class JsonRequestConfiguration {

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  ServerHttpMessageConvertersCustomizer strictJsonRequests(JsonMapper json) {
    JacksonJsonHttpMessageConverter strict =
        new JacksonJsonHttpMessageConverter(
            json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
    return builder -> builder.withJsonConverter(strict);
  }
}
