/**
 * Program jars: fetched from the coordinator through a circuit breaker and retries, verified by
 * SHA-256 and cached on disk.
 */
package dev.farcall.worker.jar;
