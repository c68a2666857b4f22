package dev.farcall.coordinator.invocation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The request of {@code POST /api/v1/programs/{id}/objects}.
 *
 * @param className binary name of the object's class
 * @param parameterTypes the constructor's parameter types (Java source names), to choose among
 *     constructors; without it the constructor is chosen by the number of args
 * @param args the constructor's arguments as JSON values
 * @param placement a worker id, or "any" (default)
 * @param maxRestarts how often the object is recreated after its worker is lost (default 0)
 * @param timeoutMillis how long creating it and each call of it may take
 */
@Schema(description = "A remote object to create: its class and constructor arguments")
record ObjectBody(
    @Schema(description = "Binary name of the class", example = "org.example.Counter")
        String className,
    List<String> parameterTypes,
    @JsonDeserialize(using = ExactJsonValues.class) List<Object> args,
    @Schema(description = "A worker id, or any", example = "any") String placement,
    @Schema(description = "Restarts after its worker is lost", example = "0") Integer maxRestarts,
    @Schema(description = "Timeout of creating it and of each call, in milliseconds")
        Long timeoutMillis) {}
