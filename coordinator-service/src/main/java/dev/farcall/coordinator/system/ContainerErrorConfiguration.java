package dev.farcall.coordinator.system;

import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat answer its own errors as problems ({@link ProblemReportValve}) instead of its HTML
 * error page. Spring Boot's {@code /error} controller is switched off (application.yml), so a
 * {@code sendError} nobody handled reaches this valve too, and {@code GET /error} is an ordinary
 * 404 problem rather than Boot's {@code {"status":999}}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory ->
        factory.addContextCustomizers(
            context ->
                // On the context's start, when every customizer (Boot's adds a plain
                // ErrorReportValve of its own) has run: only one valve may report.
                context.addLifecycleListener(
                    event -> {
                      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        useProblemValve((Host) context.getParent());
                      }
                    }));
  }

  private static void useProblemValve(Host host) {
    boolean present = false;
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof ProblemReportValve) {
        present = true;
      } else if (valve instanceof ErrorReportValve) {
        host.getPipeline().removeValve(valve);
      }
    }
    if (host instanceof StandardHost standard) {
      standard.setErrorReportValveClass(ProblemReportValve.class.getName());
    }
    if (!present) {
      host.getPipeline().addValve(new ProblemReportValve());
    }
  }
}
