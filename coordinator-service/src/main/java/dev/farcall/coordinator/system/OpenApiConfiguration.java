package dev.farcall.coordinator.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Describes the REST API for springdoc: title, version and the bearer-token scheme. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "Farcall coordinator API",
            version = "v1",
            description =
                "Upload Java programs and run their methods on workers. Errors are"
                    + " application/problem+json with type https://farcall.dev/problems/<slug>."),
    security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(
    name = OpenApiConfiguration.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A Farcall token: admin, viewer or worker")
class OpenApiConfiguration {

  static final String BEARER = "bearer";
}
