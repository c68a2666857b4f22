/**
 * Benchmark area {@code compose}: the docker-compose stack with real containers, throughput by
 * worker containers and the time to start.
 */
package dev.farcall.benchmarks.compose;
