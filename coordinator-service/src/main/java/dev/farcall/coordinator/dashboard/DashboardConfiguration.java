package dev.farcall.coordinator.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves the dashboard's page at {@code /dashboard/}; its views are routed in the browser. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

  /** Where the dashboard lives; its assets are the static resources below {@code dashboard/}. */
  static final String PATH = "/dashboard";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController(PATH, PATH + "/");
    registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
  }
}
