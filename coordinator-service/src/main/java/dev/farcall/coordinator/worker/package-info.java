/**
 * The coordinator's worker registry (the dispatch core's {@code WorkerRegistry}, fed from the
 * heartbeats topic), its settings ({@code farcall.registry.*}), and {@code GET /api/v1/workers}.
 */
package dev.farcall.coordinator.worker;
