package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class ServiceConfigFilesTests {

  @TempDir Path dir;

  @Configuration(proxyBeanMethods = false)
  static class EmptyApp {}

  @Test
  void eachServiceGetsTheApplicationFileOfItsOwnJar() throws Exception {
    Path first = jar("first.jar", Map.of("first-marker.txt", "", "application.yml", "x: first\n"));
    Path second =
        jar("second.jar", Map.of("second-marker.txt", "", "application.yml", "x: second\n"));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {

      String location = ServiceConfigFiles.locationFor(loader, "second-marker.txt");

      assertThat(location).startsWith("jar:").endsWith("second.jar!/application.yml");
      assertThat(propertyX(location)).isEqualTo("second");
      assertThat(propertyX(ServiceConfigFiles.locationFor(loader, "first-marker.txt")))
          .isEqualTo("first");
    }
  }

  @Test
  void serviceWithoutApplicationFileGetsNoneOfTheOthers() throws Exception {
    Path first = jar("first.jar", Map.of("first-marker.txt", "", "application.yml", "x: first\n"));
    Path bare = jar("bare.jar", Map.of("bare-marker.txt", ""));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {first.toUri().toURL(), bare.toUri().toURL()}, null)) {

      String location = ServiceConfigFiles.locationFor(loader, "bare-marker.txt");

      assertThat(location).isEqualTo(ServiceConfigFiles.NO_FILES);
      assertThat(propertyX(location)).isNull();
    }
  }

  @Test
  void servicesOfThisClassPathGetTheirOwnFiles() {
    assertThat(ServiceConfigFiles.locationFor(dev.farcall.worker.WorkerApplication.class))
        .doesNotContain("coordinator-service");
    assertThat(ServiceConfigFiles.locationFor(dev.farcall.coordinator.CoordinatorApplication.class))
        .doesNotContain("worker-service");
  }

  private static String propertyX(String location) {
    SpringApplication app = new SpringApplication(EmptyApp.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context = app.run("--spring.config.location=" + location)) {
      return context.getEnvironment().getProperty("x");
    }
  }

  private Path jar(String name, Map<String, String> entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new JarEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }
}
