package dev.farcall.coordinator.security;

import dev.farcall.coordinator.system.CoordinatorProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Bearer-token security: stateless, no sessions, no CSRF (no cookies are ever used). Only {@code
 * /actuator/health} answers without a token; the viewer may GET everything; the worker may download
 * jars; a run's driver may read its own run and download its own program's jar; the admin may do
 * everything. 401 and 403 are problems like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  private static final String JAR_DOWNLOAD = "/api/v1/programs/{programId}/jar";
  private static final String RUN = "/api/v1/runs/{runId}";
  private static final String[] OPEN = {"/actuator/health", "/actuator/health/**"};

  @Bean
  BearerTokens bearerTokens(TokenProperties properties, CoordinatorProperties coordinator) {
    TokenFiles files = new TokenFiles(coordinator.getDataDir());
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    tokens.put(Role.ADMIN, configuredOrKept(properties.getAdminToken(), files, "admin-token"));
    tokens.put(Role.WORKER, configuredOrKept(properties.getWorkerToken(), files, "worker-token"));
    if (!isBlank(properties.getViewerToken())) {
      tokens.put(Role.VIEWER, properties.getViewerToken().strip());
    }
    return new BearerTokens(tokens);
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      BearerTokens tokens,
      ObjectProvider<RunTokenVerifier> runTokens,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
      throws Exception {
    String admin = Role.ADMIN.name();
    String viewer = Role.VIEWER.name();
    String worker = Role.WORKER.name();
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(
                tokens, runTokens.getIfAvailable(() -> token -> java.util.Optional.empty())),
            AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, cause) ->
                            resolve(problems, request, response, unauthenticated(request)))
                    .accessDeniedHandler(
                        (request, response, cause) ->
                            resolve(problems, request, response, forbidden(request))))
        .authorizeHttpRequests(
            a ->
                // The ASYNC dispatch that writes an asynchronous answer (invocations) belongs to a
                // request that was already authorised on its way in.
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, OPEN)
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, OPEN)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, JAR_DOWNLOAD)
                    .access(RunAccess.rolesOrOwnRun("programId", admin, viewer, worker))
                    .requestMatchers(HttpMethod.HEAD, JAR_DOWNLOAD)
                    .access(RunAccess.rolesOrOwnRun("programId", admin, viewer, worker))
                    .requestMatchers(HttpMethod.GET, RUN)
                    .access(RunAccess.rolesOrOwnRun("runId", admin, viewer))
                    .requestMatchers(HttpMethod.GET)
                    .hasAnyRole(admin, viewer)
                    .requestMatchers(HttpMethod.HEAD)
                    .hasAnyRole(admin, viewer)
                    .anyRequest()
                    .hasRole(admin));
    return http.build();
  }

  private static String configuredOrKept(String configured, TokenFiles files, String fileName) {
    if (!isBlank(configured)) {
      return configured.strip();
    }
    TokenFiles.Token token = files.readOrGenerate(fileName);
    if (token.generated() && fileName.equals("admin-token")) {
      // Printed once, on purpose and not through logging, so the operator can copy it.
      System.out.println("Farcall admin token (also in " + token.file() + "): " + token.value());
    }
    log.info(
        "Using the {} {} {}",
        fileName,
        token.generated() ? "generated into" : "kept in",
        token.file());
    return token.value();
  }

  private static AuthenticationRequiredException unauthenticated(HttpServletRequest request) {
    Object rejection = request.getAttribute(BearerTokenFilter.REJECTION);
    return rejection == null
        ? new AuthenticationRequiredException(
            "A bearer token is required (Authorization: Bearer <token>)", false)
        : new AuthenticationRequiredException(rejection.toString(), true);
  }

  private static RoleForbiddenException forbidden(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    String role = authentication == null ? "anonymous" : authentication.getName();
    return new RoleForbiddenException(role, request.getMethod(), request.getRequestURI());
  }

  private static void resolve(
      HandlerExceptionResolver problems,
      HttpServletRequest request,
      HttpServletResponse response,
      RuntimeException problem)
      throws IOException {
    if (problems.resolveException(request, response, null, problem) == null) {
      response.sendError(problem instanceof RoleForbiddenException ? 403 : 401);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
