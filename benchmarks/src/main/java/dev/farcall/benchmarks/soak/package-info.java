/**
 * The soak: a cluster under bounded mixed load for half an hour, watched for what leaks (heap after
 * GC, threads, file descriptors, child processes, consumer lag); {@code benchmarks/areas/soak.sh}.
 */
package dev.farcall.benchmarks.soak;
