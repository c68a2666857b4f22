/**
 * Kafka plumbing of the worker: the invocations consumer (poll thread, back-pressure, commits after
 * acknowledged replies) and the client settings.
 */
package dev.farcall.worker.kafka;
