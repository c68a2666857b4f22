/**
 * The local launcher behind {@code ./farcall local}: an embedded Kafka broker, the coordinator and
 * N workers in one JVM, each started through its own public entry point and stopped in reverse
 * order.
 */
package dev.farcall.local;
