package dev.farcall.dispatch;

import dev.farcall.model.wire.InvocationResult;

/**
 * The one outcome a caller gets for one call: the worker's first reply.
 *
 * @param invocationId the call's id (the same across retries)
 * @param result the worker's reply: a returned value, a thrown exception or an invocation error
 * @param attempts how many times the call had been sent when the reply arrived
 * @param roundTripMicros from the first send to the reply's arrival, on the coordinator
 */
public record InvocationOutcome(
    String invocationId, InvocationResult result, int attempts, long roundTripMicros) {}
