/**
 * The worker registry: learns workers from their heartbeats on the heartbeats topic, judges each
 * one ALIVE, SUSPECT or DEAD from the age of its last heartbeat relative to the interval it
 * promised, tells listeners (the dispatcher) when a status changes, and lists workers over {@code
 * GET /api/v1/workers}.
 */
package dev.farcall.coordinator.worker;
