package dev.farcall.dispatch.objects;

import java.util.Optional;

/**
 * What a caller knows of one of its remote objects.
 *
 * @param objectId the object's id
 * @param programId its program
 * @param className its class
 * @param runId the run that owns it, empty when created over REST
 * @param workerId the worker that holds it (or held it last)
 * @param state ALIVE, RESTARTING, LOST or CLOSED
 * @param calls calls made through this handle
 * @param restarts how many times it was recreated
 * @param lastFailure the cause of its last loss, if any
 */
public record ObjectInfo(
    String objectId,
    String programId,
    String className,
    Optional<String> runId,
    String workerId,
    String state,
    long calls,
    int restarts,
    Optional<String> lastFailure) {}
