package dev.farcall.coordinator.program;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Derives the servlet's multipart limits from {@code farcall.programs.max-jar-size}, so the two
 * cannot disagree (replaces Spring Boot's {@code spring.servlet.multipart.*} settings).
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfiguration {

  /** Room for the form's other fields and the multipart framing. */
  private static final DataSize FORM_OVERHEAD = DataSize.ofMegabytes(1);

  @Bean
  MultipartConfigElement multipartConfigElement(ProgramProperties properties) {
    MultipartConfigFactory factory = new MultipartConfigFactory();
    DataSize maxJar = properties.getMaxJarSize();
    factory.setMaxFileSize(maxJar);
    factory.setMaxRequestSize(DataSize.ofBytes(maxJar.toBytes() + FORM_OVERHEAD.toBytes()));
    // Parts go to disk at once: a 256 MiB upload must never sit in memory.
    factory.setFileSizeThreshold(DataSize.ofBytes(0));
    return factory.createMultipartConfig();
  }
}
