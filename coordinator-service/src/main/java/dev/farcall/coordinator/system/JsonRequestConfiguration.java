package dev.farcall.coordinator.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON request bodies are read strictly: a member the endpoint does not know is a 400 naming it
 * ({@code unknown-field}), so a misspelt option ({@code "deadlineSecond"}) is never silently
 * ignored. Only the HTTP converter is strict; the application's own {@link JsonMapper} (stored
 * plans, analysis models) stays tolerant, so rows written by an older version still read.
 */
@Configuration(proxyBeanMethods = false)
class JsonRequestConfiguration {

  @Bean
  JacksonJsonHttpMessageConverter jacksonJsonHttpMessageConverter(JsonMapper json) {
    return new JacksonJsonHttpMessageConverter(
        json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
  }
}
